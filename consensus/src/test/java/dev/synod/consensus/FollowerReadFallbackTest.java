package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.util.CodeInjectionForTesting;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A follower's linearizable read when the leadership check learns no read index: the leader has not committed an
 * entry of its own term yet, so its commit index may predate writes its predecessor acknowledged. The follower
 * must fall back to Ratis' ReadIndex barrier, which waits until the leader is ready, and must not answer from its
 * own state in the meantime.
 *
 * <p>n3 starts as the only member with short election timeouts, so it leads first. n1 and n2 wait 10-20 s before
 * they stand, so the held replies below (a few seconds) never start an election. The reader, n2, holds its replies
 * to appends from the start: it has the acknowledged write in its log but never learns that it was committed.
 */
class FollowerReadFallbackTest {
  /** Ratis runs this hook on the receiving follower after it started appending, before it replies. */
  private static final String FOLLOWER_REPLY = "RaftServerImpl.appendEntries.logComplete";
  private static final Duration HELD_AT_MOST = Duration.ofSeconds(30);

  @TempDir
  Path dir;

  @Test
  void aFollowerReadWaitsForTheBarrierWhileTheNewLeaderHasNotCommittedInItsTerm() throws Exception {
    ConsensusSettings slow = ConsensusSettings.lan().toBuilder().preVote(true)
        .electionTimeoutMin(Duration.ofSeconds(10)).electionTimeoutMax(Duration.ofSeconds(20))
        .requestTimeout(Duration.ofSeconds(30)).readTimeout(Duration.ofSeconds(30))
        .stagingTimeout(Duration.ofSeconds(30)).build();
    ConsensusSettings quick = slow.toBuilder()
        .electionTimeoutMin(Duration.ofMillis(500)).electionTimeoutMax(Duration.ofSeconds(1)).build();
    CountDownLatch release = new CountDownLatch(1);
    try (TestCluster cluster = TestCluster.start(dir, 3, id -> id.equals("n3") ? quick : slow)) {
      RaftNode old = cluster.awaitLeader();
      assertThat(old.nodeId()).as("the member with short timeouts leads first").isEqualTo("n3");
      RaftNode next = cluster.node("n1");
      RaftNode reader = cluster.node("n2");

      holdRepliesOf(Set.of("n2"), release);
      old.write(add("acknowledged")).get(30, TimeUnit.SECONDS);
      // From here the new leader's first entry cannot commit: both its followers hold their replies.
      holdRepliesOf(Set.of("n2", "n3"), release);
      CompletableFuture<Void> transfer = old.transferLeadership("n1", Duration.ofSeconds(20));
      await().atMost(TestCluster.PATIENCE).until(() -> next.status().role() == RaftRole.LEADER
          && reader.status().leaderId().equals(Optional.of("n1")));
      long barriersBefore = reader.readBarriers();

      CompletableFuture<byte[]> read = reader.readLinearizable(bytes("all"));

      await("the read waits while the new leader has not committed in its term")
          .during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !read.isDone());
      assertThat(reader.readBarriers()).as("the follower fell back to Ratis' ReadIndex barrier")
          .isGreaterThan(barriersBefore);
      release.countDown();
      assertThat(parseAll(read.get(30, TimeUnit.SECONDS)))
          .as("the read includes the write acknowledged before the leadership moved").containsExactly("acknowledged");
      transfer.get(60, TimeUnit.SECONDS);
    } finally {
      release.countDown();
      CodeInjectionForTesting.remove(FOLLOWER_REPLY);
    }
  }

  /** The members in {@code held} stop replying to appends until {@code release}, for at most 30 s. */
  private static void holdRepliesOf(Set<String> held, CountDownLatch release) {
    CodeInjectionForTesting.put(FOLLOWER_REPLY, (localId, remoteId, args) -> {
      if (held.contains(String.valueOf(localId))) {
        try {
          release.await(HELD_AT_MOST.toSeconds(), TimeUnit.SECONDS);
        } catch (InterruptedException closing) {
          Thread.currentThread().interrupt();
        }
      }
      return false;
    });
  }
}
