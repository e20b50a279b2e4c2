package dev.synod.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.synod.client.SynodClient;
import dev.synod.consensus.ConsensusStatus;
import dev.synod.node.SynodAgent;
import dev.synod.proto.v1.DeleteRequest;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.RangeRequest;
import dev.synod.proto.v1.ReadConsistency;
import java.io.RandomAccessFile;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Restarts from the data directory, snapshot install after log purge, and operator snapshots. */
class ClusterRecoveryTest {
  @RegisterExtension
  final SynodClusterExtension cluster = SynodClusterExtension.nodes(3).tuned(b -> b.snapshotThreshold(100));

  private static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }

  /** One at a time: concurrent puts would share Raft entries, and these tests need the log to grow. */
  private static void putMany(SynodClient client, String prefix, int n) {
    for (int i = 0; i < n; i++) {
      client.put(PutRequest.newBuilder().setKey(bytes(prefix + i)).setValue(bytes("v" + i)).build());
    }
  }

  private static long staleCount(SynodClient client, String prefix) {
    return client.range(RangeRequest.newBuilder().setPrefix(bytes(prefix)).setLimit(10_000).setKeysOnly(true)
        .setConsistency(ReadConsistency.STALE).build()).getKvsCount();
  }

  @Test
  void restartedFollowerCatchesUpFromItsLog() throws Exception {
    String follower = cluster.followers().get(0).nodeId();
    putMany(cluster.client(), "a/", 20);
    cluster.halt(follower);
    putMany(cluster.client(), "b/", 20);
    SynodAgent back = cluster.restart(follower);
    SynodClient local = cluster.clientFor(back);
    await().atMost(Duration.ofSeconds(60)).ignoreExceptions().untilAsserted(() -> {
      assertThat(staleCount(local, "a/")).isEqualTo(20);
      assertThat(staleCount(local, "b/")).isEqualTo(20);
    });
  }

  @Test
  void followerRestartedAfterLogPurgeCatchesUpBySnapshotInstall() throws Exception {
    String follower = cluster.followers().get(0).nodeId();
    putMany(cluster.client(), "early/", 10);
    cluster.halt(follower);
    putMany(cluster.client(), "late/", 600);
    SynodAgent leader = cluster.awaitLeader();
    await().atMost(Duration.ofSeconds(30)).until(() -> leader.raft().orElseThrow().status().lastSnapshotIndex() > 300);

    SynodAgent back = cluster.restart(follower);
    SynodClient local = cluster.clientFor(back);
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() ->
        assertThat(staleCount(local, "late/")).isEqualTo(600));
    ConsensusStatus status = back.raft().orElseThrow().status();
    assertThat(status.lastSnapshotIndex()).as("installed snapshot on the restarted follower").isGreaterThan(300);
  }

  @Test
  void operatorSnapshotSaveThenRestoreBringsBackTheSavedState(@org.junit.jupiter.api.io.TempDir Path tmp) {
    SynodClient client = cluster.client();
    client.put(PutRequest.newBuilder().setKey(bytes("keep/1")).setValue(bytes("one")).build());
    client.put(PutRequest.newBuilder().setKey(bytes("keep/2")).setValue(bytes("two")).build());
    Path file = tmp.resolve("registry.snap");
    var header = client.saveSnapshot(file);
    assertThat(header.getClusterId()).isEqualTo("test");

    client.put(PutRequest.newBuilder().setKey(bytes("after/x")).setValue(bytes("x")).build());
    client.delete(DeleteRequest.newBuilder().setKey(bytes("keep/1")).build());

    var restored = client.restoreSnapshot(file);
    assertThat(restored.getKeys()).isEqualTo(2);
    for (SynodAgent agent : cluster.running()) {
      SynodClient c = cluster.clientFor(agent);
      assertThat(c.get(GetRequest.newBuilder().setKey(bytes("keep/1")).build()).getKv().getValue().toStringUtf8())
          .isEqualTo("one");
      assertThat(c.get(GetRequest.newBuilder().setKey(bytes("after/x")).build()).hasKv()).isFalse();
    }
  }

  @Test
  void corruptedSnapshotOnDiskStopsTheNodeWithAChecksumError() throws Exception {
    putMany(cluster.client(), "k/", 300);
    SynodAgent victim = cluster.followers().get(0);
    Path raftDir = victim.config().dataDir().resolve("raft");
    await().atMost(Duration.ofSeconds(30)).until(() -> latestSnapshot(raftDir) != null);
    String id = victim.nodeId();
    cluster.halt(id);
    Path snap = latestSnapshot(raftDir);
    try (RandomAccessFile f = new RandomAccessFile(snap.toFile(), "rw")) {
      long pos = f.length() / 2;
      f.seek(pos);
      int b = f.read();
      f.seek(pos);
      f.write(b ^ 0xFF);
    }
    SynodAgent back = cluster.restart(id);
    await().atMost(Duration.ofSeconds(30)).until(() -> back.fatalError().isPresent());
    assertThat(back.fatalError().orElseThrow()).contains(snap.getFileName().toString()).containsIgnoringCase("sha256");
    // The rest of the cluster keeps working.
    cluster.halt(id);
    cluster.client().put(PutRequest.newBuilder().setKey(bytes("still")).setValue(bytes("up")).build());
  }

  private static Path latestSnapshot(Path raftDir) throws Exception {
    try (Stream<Path> files = Files.walk(raftDir)) {
      return files.filter(p -> p.getFileName().toString().matches("snapshot-\\d+-\\d+\\.snap"))
          .max((a, b) -> Long.compare(index(a), index(b))).orElse(null);
    }
  }

  private static long index(Path p) {
    String[] parts = p.getFileName().toString().replace(".snap", "").split("-");
    return Long.parseLong(parts[2]);
  }
}
