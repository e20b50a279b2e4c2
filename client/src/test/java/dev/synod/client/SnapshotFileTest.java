package dev.synod.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.SnapshotChunk;
import dev.synod.proto.v1.SnapshotHeader;
import dev.synod.proto.v1.SnapshotRestoreResponse;
import io.grpc.Status;
import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins the snapshot file round trip, chunking of restores, and detection of corrupt files. */
class SnapshotFileTest {
  private FakeCluster cluster;
  private SynodClient client;
  private FakeNode node;
  private byte[] data;

  @TempDir
  Path dir;

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster(1);
    client = cluster.client().build();
    node = cluster.node(0);
    data = new byte[2 * 1024 * 1024 + 12345];
    new Random(7).nextBytes(data);
    node.snapshotData = data;
    node.snapshotChunkBytes = 1536 * 1024; // larger than a restore chunk, to force re-framing
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    cluster.close();
  }

  private byte[] saved() {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    SnapshotHeader header = client.saveSnapshot(out);
    assertThat(header.getRevision()).isEqualTo(99);
    assertThat(header.getSizeBytes()).isEqualTo(data.length);
    return out.toByteArray();
  }

  @Test
  void savedFileRestoresInChunksOfAtMostOneMebibyte() {
    byte[] file = saved();

    SnapshotRestoreResponse r = client.restoreSnapshot(new ByteArrayInputStream(file));

    assertThat(r.getRestoredRevision()).isEqualTo(99);
    List<SnapshotChunk> chunks = node.received("SnapshotRestore").stream()
        .map(x -> (SnapshotChunk) x.request()).toList();
    assertThat(chunks).hasSizeGreaterThanOrEqualTo(3);
    assertThat(chunks.get(0).hasHeader()).isTrue();
    assertThat(chunks.get(0).getHeader().getClusterId()).isEqualTo("c1");
    assertThat(chunks.subList(1, chunks.size())).allMatch(c -> !c.hasHeader());
    assertThat(chunks).allMatch(c -> c.getData().size() <= 1024 * 1024);
    assertThat(chunks.subList(0, chunks.size() - 1)).allMatch(c -> c.getSha256().isEmpty());
    assertThat(chunks.get(chunks.size() - 1).getSha256()).isEqualTo(FakeNode.sha256Hex(data));
    ByteString all = chunks.stream().map(SnapshotChunk::getData).reduce(ByteString.EMPTY, ByteString::concat);
    assertThat(all.toByteArray()).isEqualTo(data);
  }

  @Test
  void emptySnapshotRoundTripsAsOneChunk() {
    node.snapshotData = new byte[0];
    data = node.snapshotData;
    byte[] file = saved();

    client.restoreSnapshot(new ByteArrayInputStream(file));

    List<FakeNode.Received> chunks = node.received("SnapshotRestore");
    assertThat(chunks).hasSize(1);
    SnapshotChunk only = (SnapshotChunk) chunks.get(0).request();
    assertThat(only.hasHeader()).isTrue();
    assertThat(only.getSha256()).isEqualTo(FakeNode.sha256Hex(new byte[0]));
  }

  @Test
  void aFlippedByteIsDetectedByTheChecksumBeforeAnythingIsSent() throws Exception {
    byte[] file = saved();
    for (int offset : new int[] {20, file.length / 2, file.length - 40, file.length - 1}) {
      byte[] bad = file.clone();
      bad[offset] ^= 0x01;
      Path path = dir.resolve("bad-" + offset + ".snapshot");
      Files.write(path, bad);

      assertThatThrownBy(() -> client.restoreSnapshot(path)).as("offset %d", offset)
          .isInstanceOfSatisfying(SynodException.class,
              e -> assertThat(e.code()).isEqualTo(Status.Code.DATA_LOSS))
          .hasMessageContaining("sha256 checksum mismatch");
    }
    assertThat(node.received("SnapshotRestore")).isEmpty();
  }

  @Test
  void truncatedAndForeignFilesAreRejected() {
    byte[] file = saved();
    byte[] truncated = java.util.Arrays.copyOf(file, file.length / 3);
    assertThatThrownBy(() -> client.restoreSnapshot(new ByteArrayInputStream(truncated)))
        .isInstanceOf(SynodException.class).hasMessageContaining("sha256 checksum mismatch");
    assertThatThrownBy(() -> client.restoreSnapshot(new ByteArrayInputStream(new byte[10])))
        .isInstanceOf(SynodException.class).hasMessageContaining("not a Synod snapshot");
    byte[] tiny = java.util.Arrays.copyOf(SnapshotFile.MAGIC, 20);
    assertThatThrownBy(() -> client.restoreSnapshot(new ByteArrayInputStream(tiny)))
        .isInstanceOf(SynodException.class).hasMessageContaining("truncated");
    assertThat(node.received("SnapshotRestore")).isEmpty();
  }

  @Test
  void saveRejectsAStreamWhoseChecksumDoesNotMatch() {
    node.snapshotShaOverride = "00".repeat(32);

    assertThatThrownBy(() -> client.saveSnapshot(new ByteArrayOutputStream()))
        .isInstanceOfSatisfying(SynodException.class,
            e -> assertThat(e.code()).isEqualTo(Status.Code.DATA_LOSS))
        .hasMessageContaining("sha256 checksum mismatch").hasMessageContaining("server sent 0000");
  }

  @Test
  void saveToPathLeavesNoFileWhenTheStreamIsBad() {
    node.snapshotShaOverride = "ff".repeat(32);
    Path target = dir.resolve("out.snapshot");

    assertThatThrownBy(() -> client.saveSnapshot(target)).isInstanceOf(SynodException.class);

    assertThat(dir).isEmptyDirectory();
  }

  @Test
  void saveToPathThenRestoreFromPath() {
    Path target = dir.resolve("ok.snapshot");
    client.saveSnapshot(target);
    assertThat(dir.toFile().list()).containsExactly("ok.snapshot");

    assertThat(client.restoreSnapshot(target).getKeys()).isEqualTo(data.length);
  }
}
