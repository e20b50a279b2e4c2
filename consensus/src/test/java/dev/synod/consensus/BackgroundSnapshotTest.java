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
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Ratis asks for snapshots on its state machine updater, which applies nothing until it is answered. Writing the
 * snapshot there stalled every write on the node for as long as serializing, writing and fsyncing the state took
 * (0.7-1.2 s for 29 MB of registry on the development machine). Here the serializers are held: writes must go on
 * committing and applying on every member, and the snapshot must hold the state captured, not a later one.
 */
class BackgroundSnapshotTest {
  private static final int THRESHOLD = 20;

  @TempDir
  Path dir;

  @Test
  void writesApplyWhileASnapshotIsWrittenAndTheSnapshotHoldsTheCapturedState() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, snapshotEvery(THRESHOLD).build())) {
      RaftNode leader = cluster.awaitLeader();
      List<CountDownLatch> holds = new ArrayList<>();
      for (RaftNode n : cluster.running()) {
        holds.add(cluster.member(n.nodeId()).sm.holdSnapshotSerialization());
      }
      try {
        writeWhileSerializationIsHeld(cluster, leader);
      } finally {
        holds.forEach(CountDownLatch::countDown); // a node closes only once its snapshot write ended
      }
      for (RaftNode n : cluster.running()) {
        await().atMost(PATIENCE).until(() -> n.status().lastSnapshotIndex() > 0);
      }
      String followerId = cluster.aFollower().nodeId();
      cluster.stop(followerId);
      RaftNode restarted = cluster.restart(followerId);

      assertThat(parseAll(restarted.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS)))
          .as("the snapshot's state, then the log after it, each once").containsExactlyElementsOf(written());
      assertThat(cluster.member(followerId).sm.restores).as("it started from its snapshot").hasValue(1);
    }
  }

  /**
   * Ratis stops a member whose state machine reports a snapshot index below the last one it was given. Here a
   * background write finishes unreported, an operator's snapshot overtakes it, and later asks must not go back to
   * the background write's index.
   */
  @Test
  void anOperatorSnapshotOvertakingAFinishedBackgroundWriteKeepsTheMemberApplying() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, snapshotEvery(THRESHOLD).build())) {
      RaftNode leader = cluster.awaitLeader();
      RaftNode follower = cluster.aFollower();
      ListStateMachine sm = cluster.member(follower.nodeId()).sm;
      CountDownLatch hold = sm.holdSnapshotSerialization();
      List<String> values = IntStream.range(0, 4 * THRESHOLD).mapToObj(i -> "v" + i).toList();
      int next = writeUntil(leader, values, 0, () -> sm.snapshotsSerializing.get() == 1);
      next = write(leader, values, next, 5); // applied past the captured index
      await().atMost(PATIENCE).until(() -> follower.status().appliedIndex() >= leader.status().commitIndex());
      hold.countDown();
      await().atMost(PATIENCE).until(() -> follower.status().lastSnapshotIndex() > 0);
      long background = follower.status().lastSnapshotIndex();

      long operator = follower.takeSnapshot();
      assertThat(operator).as("the operator's snapshot is newer than the unreported one").isGreaterThan(background);
      write(leader, values, next, values.size() - next); // past the threshold again

      await().atMost(PATIENCE).until(() -> follower.status().appliedIndex() >= leader.status().commitIndex());
      await().atMost(PATIENCE).until(() -> follower.status().lastSnapshotIndex() > operator);
      assertThat(parseAll(follower.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS)))
          .as("the follower still applies and serves").containsExactlyElementsOf(values);
    }
  }

  /**
   * The same overtaking through an install: the follower finishes a background write while cut off, the leader
   * purges the entries it misses, and on healing the follower installs the leader's newer snapshot.
   */
  @Test
  void anInstalledSnapshotOvertakingAFinishedBackgroundWriteKeepsTheMemberApplying() throws Exception {
    ConsensusSettings settings = snapshotEvery(THRESHOLD).purgeGap(1)
        .segmentSizeMax(8 * 1024).appenderBufferByteLimit(64 * 1024).writeBufferSize(128 * 1024).build();
    try (TestCluster cluster = TestCluster.start(dir, 3, settings)) {
      RaftNode leader = cluster.awaitLeader();
      RaftNode follower = cluster.aFollower();
      ListStateMachine sm = cluster.member(follower.nodeId()).sm;
      CountDownLatch hold = sm.holdSnapshotSerialization();
      String pad = "x".repeat(200); // entries fill the small segments, so the leader's purges drop them
      List<String> values = IntStream.range(0, 10 * THRESHOLD).mapToObj(i -> "v" + i + pad).toList();
      int next;
      try {
        next = writeUntil(leader, values, 0, () -> sm.snapshotsSerializing.get() == 1);
        TestPartition.cutOff(follower.nodeId());
        hold.countDown();
        await().atMost(PATIENCE).until(() -> follower.status().lastSnapshotIndex() > 0);
        long missed = follower.status().appliedIndex();
        next = write(leader, values, next, 6 * THRESHOLD);
        await().atMost(PATIENCE).until(() -> FailoverAndRecoveryTest.firstLogIndex(
            cluster.member(leader.nodeId()).dir).orElse(0) > missed + 1);
      } finally {
        TestPartition.heal();
      }
      RaftNode current = cluster.awaitLeader();
      // Installs pass the test partition (it cuts appends and votes), so the first may come before the heal.
      await().atMost(PATIENCE).until(() -> sm.restores.get() >= 1);
      long installed = follower.status().lastSnapshotIndex();
      write(current, values, next, values.size() - next); // past the threshold after the install

      await().atMost(PATIENCE).until(() -> follower.status().appliedIndex() >= current.status().commitIndex());
      await().atMost(PATIENCE).until(() -> follower.status().lastSnapshotIndex() > installed);
      assertThat(parseAll(follower.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS)))
          .as("the follower still applies and serves").containsExactlyElementsOf(values);
    }
  }

  private static ConsensusSettings.Builder snapshotEvery(int entries) {
    return ConsensusSettings.lan().toBuilder().snapshotAutoTriggerThreshold(entries).snapshotOnClose(false);
  }

  /** Writes values from {@code from} until {@code done} holds after a write; returns the next index. */
  private static int writeUntil(RaftNode leader, List<String> values, int from, BooleanSupplier done)
      throws Exception {
    int i = from;
    while (i < values.size()) {
      leader.write(add(values.get(i++))).get(10, TimeUnit.SECONDS);
      if (done.getAsBoolean()) {
        return i;
      }
    }
    throw new AssertionError("condition not met after " + (i - from) + " writes");
  }

  private static int write(RaftNode leader, List<String> values, int from, int count) throws Exception {
    for (int i = from; i < from + count; i++) {
      leader.write(add(values.get(i))).get(10, TimeUnit.SECONDS);
    }
    return from + count;
  }

  private static void writeWhileSerializationIsHeld(TestCluster cluster, RaftNode leader) throws Exception {
    for (String value : written()) {
      leader.write(add(value)).get(10, TimeUnit.SECONDS);
    }
    for (RaftNode n : cluster.running()) {
      ListStateMachine sm = cluster.member(n.nodeId()).sm;
      await().atMost(PATIENCE).until(() -> n.status().appliedIndex() >= leader.status().commitIndex());
      assertThat(sm.snapshotsSerializing).as("%s captured a snapshot, still being serialized", n.nodeId())
          .hasValue(1);
      assertThat(n.status().lastSnapshotIndex()).as("%s: nothing durable yet", n.nodeId()).isEqualTo(-1);
    }
  }

  private static List<String> written() {
    return IntStream.range(0, 3 * THRESHOLD).mapToObj(i -> "w" + i).toList();
  }
}
