package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static dev.synod.consensus.TestCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Crashes, restarts and catch-up; each test runs its own cluster. */
class FailoverAndRecoveryTest {
  private static final Pattern SEGMENT = Pattern.compile("log_(?:inprogress_)?(\\d+)(?:-\\d+)?");

  @TempDir
  Path dir;

  @Test
  void leaderKilledNewLeaderTakesOverAndNoAcknowledgedWriteIsLost() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode oldLeader = cluster.awaitLeader();
      RaftNode writer = cluster.aFollower();
      ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
      List<CompletableFuture<WriteResult>> inFlight = new ArrayList<>();

      for (int i = 0; i < 30; i++) {
        String v = "before-" + i;
        inFlight.add(writer.write(add(v)).whenComplete((r, e) -> {
          if (e == null) {
            acknowledged.add(v);
          }
        }));
      }
      await().atMost(PATIENCE).until(() -> acknowledged.size() >= 10);
      cluster.stop(oldLeader.nodeId()); // more writes are in flight while the leader goes away
      for (int i = 0; i < 30; i++) {
        String v = "after-" + i;
        inFlight.add(writer.write(add(v)).whenComplete((r, e) -> {
          if (e == null) {
            acknowledged.add(v);
          }
        }));
      }
      CompletableFuture.allOf(inFlight.toArray(CompletableFuture[]::new)).handle((r, e) -> null)
          .get(60, TimeUnit.SECONDS);

      RaftNode newLeader = cluster.awaitLeader();
      assertThat(newLeader.nodeId()).isNotEqualTo(oldLeader.nodeId());
      assertThat(newLeader.status().term()).isGreaterThan(0);
      assertThat(acknowledged).anyMatch(v -> v.startsWith("after-"));
      for (RaftNode n : cluster.running()) {
        List<String> all = parseAll(n.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS));
        assertThat(all).as("state on %s", n.nodeId()).containsAll(acknowledged).doesNotHaveDuplicates();
      }
    }
  }

  @Test
  void wholeGroupRestartRecoversStateByReplayingTheLog() throws Exception {
    ConsensusSettings settings = ConsensusSettings.lan().toBuilder().snapshotOnClose(false).build();
    List<String> written = new ArrayList<>();
    try (TestCluster cluster = TestCluster.start(dir, 3, settings)) {
      RaftNode leader = cluster.awaitLeader();
      for (int i = 0; i < 20; i++) {
        leader.write(add("v" + i)).get(30, TimeUnit.SECONDS);
        written.add("v" + i);
      }
      for (RaftNode n : cluster.running()) {
        await().atMost(PATIENCE).until(() -> n.status().appliedIndex() >= leader.status().commitIndex());
      }
      for (String id : List.of("n1", "n2", "n3")) {
        cluster.stop(id);
      }

      for (String id : List.of("n1", "n2", "n3")) {
        cluster.restart(id);
      }
      RaftNode newLeader = cluster.awaitLeader();
      for (String id : List.of("n1", "n2", "n3")) {
        RaftNode n = cluster.node(id);
        assertThat(parseAll(n.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS))).containsExactlyElementsOf(written);
        assertThat(cluster.member(id).sm.restores).as("no snapshot was involved").hasValue(0);
        assertThat(cluster.member(id).sm.applies.get()).isEqualTo(written.size());
      }
      newLeader.write(add("after-restart")).get(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void followerRestartedAfterTheOthersPurgedTheirLogCatchesUpBySnapshotInstall() throws Exception {
    ConsensusSettings settings = ConsensusSettings.lan().toBuilder()
        .snapshotAutoTriggerThreshold(40).purgeGap(1).snapshotOnClose(false)
        .segmentSizeMax(8 * 1024).appenderBufferByteLimit(64 * 1024).writeBufferSize(128 * 1024).build();
    try (TestCluster cluster = TestCluster.start(dir, 3, settings)) {
      RaftNode leader = cluster.awaitLeader();
      RaftNode lagging = cluster.aFollower();
      String laggingId = lagging.nodeId();
      leader.write(add("early")).get(30, TimeUnit.SECONDS);
      await().atMost(PATIENCE).until(() -> lagging.status().appliedIndex() >= leader.status().commitIndex());
      long laggingLastIndex = lagging.status().commitIndex();
      cluster.stop(laggingId);

      // One at a time, so that each write is its own entry (concurrent ones would share entries) and the log
      // grows past several snapshots and purges.
      String pad = "x".repeat(200);
      for (int i = 0; i < 200; i++) {
        leader.write(add("bulk-" + i + "-" + pad)).get(30, TimeUnit.SECONDS);
      }
      for (RaftNode n : cluster.running()) {
        await().atMost(PATIENCE).until(() -> n.status().lastSnapshotIndex() > laggingLastIndex + 100);
        await().atMost(PATIENCE).until(() -> firstLogIndex(cluster.member(n.nodeId()).dir).orElse(0) > laggingLastIndex + 1);
      }

      RaftNode restarted = cluster.restart(laggingId);

      await().atMost(PATIENCE).until(() -> restarted.status().appliedIndex() >= leader.status().commitIndex());
      ListStateMachine sm = cluster.member(laggingId).sm;
      assertThat(sm.restores.get()).as("state came from an installed snapshot").isGreaterThanOrEqualTo(1);
      assertThat(restarted.status().lastSnapshotIndex()).isGreaterThan(laggingLastIndex);
      List<String> expected = parseAll(leader.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS));
      assertThat(parseAll(restarted.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS)))
          .hasSize(201).containsExactlyElementsOf(expected);
    }
  }

  @Test
  void restartLoadsTheSnapshotAndReplaysOnlyTheLogAfterIt() throws Exception {
    ConsensusSettings settings = ConsensusSettings.lan().toBuilder().snapshotOnClose(false).build();
    try (TestCluster cluster = TestCluster.start(dir, 1, settings)) {
      RaftNode node = cluster.awaitLeader();
      for (int i = 0; i < 10; i++) {
        node.write(add("s" + i)).get(30, TimeUnit.SECONDS);
      }
      long snapshotIndex = node.takeSnapshot();
      assertThat(node.status().lastSnapshotIndex()).isEqualTo(snapshotIndex);
      for (int i = 10; i < 15; i++) {
        node.write(add("s" + i)).get(30, TimeUnit.SECONDS);
      }
      cluster.stop("n1");

      RaftNode restarted = cluster.restart("n1");
      cluster.awaitLeader();

      // The read waits until the new term's leader has applied the log: the commit index is not on disk.
      assertThat(parseAll(restarted.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS))).hasSize(15)
          .startsWith("s0").endsWith("s14");
      ListStateMachine sm = cluster.member("n1").sm;
      assertThat(sm.restores).hasValue(1);
      assertThat(sm.applies.get()).isEqualTo(5);
    }
  }

  @Test
  void corruptSnapshotFileStopsTheNodeFromStarting() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 1, ConsensusSettings.lan())) {
      RaftNode node = cluster.awaitLeader();
      node.write(add("precious")).get(30, TimeUnit.SECONDS);
      node.takeSnapshot();
      cluster.stop("n1");
      Path snapshot = newestSnapshot(cluster.member("n1").dir);
      byte[] bytes = Files.readAllBytes(snapshot);
      bytes[bytes.length / 2] ^= 0x5A;
      Files.write(snapshot, bytes);

      CorruptSnapshotException e = org.junit.jupiter.api.Assertions.assertThrows(
          CorruptSnapshotException.class, () -> cluster.restart("n1"));

      assertThat(e.file()).isEqualTo(snapshot);
      assertThat(e.getMessage()).contains(snapshot.toString()).contains("checksum mismatch")
          .containsPattern("expected: sha256 [0-9a-f]{64}, actual: sha256 [0-9a-f]{64}");
      // the check ran before any port opened: the Raft port is still free
      assertThat(cluster.node("n1")).isNull();
      HostPort raft = HostPort.parse("address", cluster.member("n1").address.address());
      try (java.net.ServerSocket s = new java.net.ServerSocket()) {
        s.bind(new java.net.InetSocketAddress(raft.host(), raft.port()));
      }
    }
  }

  /** The first index still present in a member's Raft log, from the segment file names. */
  static OptionalLong firstLogIndex(Path memberDir) throws IOException {
    try (Stream<Path> files = Files.walk(memberDir)) {
      return files.filter(p -> p.getParent().getFileName().toString().equals("current"))
          .map(p -> SEGMENT.matcher(p.getFileName().toString()))
          .filter(Matcher::matches)
          .mapToLong(m -> Long.parseLong(m.group(1)))
          .min();
    }
  }

  static Path newestSnapshot(Path memberDir) throws IOException {
    try (Stream<Path> files = Files.walk(memberDir)) {
      return files.filter(p -> p.getFileName().toString().endsWith(".snap"))
          .max((a, b) -> Long.compare(SnapshotFile.parse(a).orElseThrow().getIndex(),
              SnapshotFile.parse(b).orElseThrow().getIndex()))
          .orElseThrow();
    }
  }
}
