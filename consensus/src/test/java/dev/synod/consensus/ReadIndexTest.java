package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linearizable read on any member sees every write acknowledged before it, on a real 3-voter group. A follower
 * learns of a commit only with the leader's next append, so a read served from its state without waiting for the
 * leader's commit index would miss the write just acknowledged.
 */
class ReadIndexTest {
  private static final int WRITES = 150;

  @TempDir
  Path dir;

  @Test
  void everyMemberReadsTheWriteAcknowledgedJustBefore() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode leader = cluster.awaitLeader();
      List<RaftNode> members = cluster.running();
      for (int i = 0; i < WRITES; i++) {
        String value = "acknowledged-" + i;
        leader.write(add(value)).get(30, TimeUnit.SECONDS);
        RaftNode reader = members.get(i % members.size());
        List<String> seen = parseAll(reader.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS));
        assertThat(seen).as("%s read after write %s was acknowledged", reader.nodeId(), i).contains(value);
      }
    }
  }

  /**
   * A leader that has not yet applied the first entry of its term names no read index (its state may still lack
   * writes its predecessor acknowledged), so it holds its reads until it has. It must not hand them to Ratis'
   * ReadIndex barrier: in a one-member group that answers with the current commit index without waiting for the
   * leader to be ready. Here the new leader's apply is held at a write its predecessor acknowledged. (A query also
   * waits for an apply in progress, so the count of barriers is what shows which path ran.)
   */
  @Test
  void aNewLeaderStillApplyingItsPredecessorsWritesHoldsItsReadsWithoutABarrier() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode old = cluster.awaitLeader();
      RaftNode next = cluster.running().stream().filter(n -> n != old).findFirst().orElseThrow();
      CountDownLatch release = cluster.member(next.nodeId()).sm.holdApplyOf("acknowledged");
      try {
        old.write(add("acknowledged")).get(30, TimeUnit.SECONDS);
        old.transferLeadership(next.nodeId(), Duration.ofSeconds(20)).get(60, TimeUnit.SECONDS);
        await().atMost(TestCluster.PATIENCE).until(() -> next.status().role() == RaftRole.LEADER);
        long barriersBefore = next.readBarriers();

        CompletableFuture<byte[]> read = next.readLinearizable(bytes("all"));

        await().during(Duration.ofSeconds(2)).atMost(Duration.ofSeconds(3)).until(() -> !read.isDone());
        assertThat(next.readBarriers()).as("the leader waits until it is ready, without Ratis' barrier")
            .isEqualTo(barriersBefore);
        release.countDown();
        assertThat(parseAll(read.get(30, TimeUnit.SECONDS))).containsExactly("acknowledged");
      } finally {
        release.countDown();
      }
    }
  }
}
