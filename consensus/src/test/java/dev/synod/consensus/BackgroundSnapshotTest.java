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
    ConsensusSettings settings = ConsensusSettings.lan().toBuilder()
        .snapshotAutoTriggerThreshold(THRESHOLD).snapshotOnClose(false).build();
    try (TestCluster cluster = TestCluster.start(dir, 3, settings)) {
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
