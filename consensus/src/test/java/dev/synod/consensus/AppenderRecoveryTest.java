package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static dev.synod.consensus.TestCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.apache.ratis.util.CodeInjectionForTesting;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A leader's log appender that throws (in Ratis 3.2.2, e.g. when a snapshot purged the entry it was about to send)
 * must be replaced. Ratis alone never restarts it: the follower hears nothing from then on, its pre-votes fail
 * while the other follower hears the leader, and it stays out of the group until the leader changes.
 */
class AppenderRecoveryTest {
  @TempDir
  Path dir;

  @AfterEach
  void removeHook() {
    CodeInjectionForTesting.remove(RecoveringLogAppender.BEFORE_APPEND_REQUEST);
  }

  @Test
  void aFollowerWhoseAppenderFailedKeepsReceivingEntries() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode leader = cluster.awaitLeader();
      RaftNode follower = cluster.aFollower();
      List<String> written = new ArrayList<>();
      write(leader, written, "before");
      await().atMost(PATIENCE).until(() -> follower.status().appliedIndex() >= leader.status().commitIndex());

      AtomicInteger failures = failNextAppendTo(follower.nodeId());
      write(leader, written, "while-failing");
      await().atMost(PATIENCE).until(() -> failures.get() == 1);
      for (int i = 0; i < 5; i++) {
        write(leader, written, "after-" + i);
      }

      assertThat(leader.status().role()).as("the same leader: a new one would start new appenders anyway")
          .isEqualTo(RaftRole.LEADER);
      await().atMost(PATIENCE).until(() -> follower.status().appliedIndex() >= leader.status().commitIndex());
      assertThat(parseAll(follower.readStale(bytes("all")))).containsExactlyElementsOf(written);
    }
  }

  /** The leader's next append request to {@code followerId} throws, once. */
  private static AtomicInteger failNextAppendTo(String followerId) {
    AtomicInteger failures = new AtomicInteger();
    CodeInjectionForTesting.put(RecoveringLogAppender.BEFORE_APPEND_REQUEST, (localId, remoteId, args) -> {
      if (followerId.equals(String.valueOf(remoteId)) && failures.compareAndSet(0, 1)) {
        throw new IllegalStateException("test: the appender to " + remoteId + " fails");
      }
      return false;
    });
    return failures;
  }

  private static void write(RaftNode leader, List<String> written, String value) throws Exception {
    leader.write(add(value)).get(10, TimeUnit.SECONDS);
    written.add(value);
  }
}
