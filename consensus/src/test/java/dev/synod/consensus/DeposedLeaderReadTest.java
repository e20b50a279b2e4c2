package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Regression (found by the chaos suite's pause nemesis): a leader that is cut off keeps believing it leads until its
 * own check fires (electionTimeoutMax without answers), while the others may already have elected a new leader and
 * acknowledged writes. Ratis' ReadIndex on that old leader skips the heartbeat round when an earlier round confirmed
 * its commit index, so without a check of our own it answers from its old state.
 */
class DeposedLeaderReadTest {
  @TempDir Path dir;

  @AfterEach
  void heal() {
    TestPartition.heal();
  }

  @Test
  void aLeaderCutOffFromTheOthersServesNoStaleLinearizableRead() throws Exception {
    try (TestCluster cluster = TestCluster.startWithN1LeadingAndSlowToNotice(dir)) {
      RaftNode old = cluster.node("n1");
      old.write(add("before")).get(30, TimeUnit.SECONDS);
      assertThat(parseAll(old.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS))).containsExactly("before");

      TestPartition.cutOff(old.nodeId());
      RaftNode other = cluster.running().stream().filter(n -> n != old).findFirst().orElseThrow();
      await().atMost(Duration.ofSeconds(30)).until(() -> other.status().leaderId()
          .filter(l -> !l.equals(old.nodeId())).isPresent());
      other.write(add("after")).get(30, TimeUnit.SECONDS);
      assertThat(old.status().role()).as("the old leader must not have noticed yet, or the test proves nothing")
          .isEqualTo(RaftRole.LEADER);

      assertThatThrownBy(() -> old.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS))
          .as("a linearizable read on the cut-off old leader must fail, never answer without 'after'")
          .isInstanceOf(ExecutionException.class).cause().isInstanceOf(NotLeaderOrUnavailableException.class);

      heal();
      await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() ->
          assertThat(parseAll(old.readLinearizable(bytes("all")).get(10, TimeUnit.SECONDS)))
              .containsExactly("before", "after"));
    }
  }
}
