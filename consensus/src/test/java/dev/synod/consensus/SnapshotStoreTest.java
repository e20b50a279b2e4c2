package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotStoreTest {
  @TempDir
  Path dir;

  @Test
  void writtenSnapshotReadsBackAsTheLatest() throws Exception {
    SnapshotStore store = new SnapshotStore(dir.resolve("sm"));
    assertThat(store.loadLatest()).isEmpty();

    store.write(2, 10, "ten".getBytes(StandardCharsets.UTF_8));
    store.write(3, 25, "twenty-five".getBytes(StandardCharsets.UTF_8));

    SnapshotStore reopened = new SnapshotStore(dir.resolve("sm"));
    assertThat(reopened.getLatestSnapshot().getTermIndex().getIndex()).isEqualTo(25);
    SnapshotStore.Loaded loaded = reopened.loadLatest().orElseThrow();
    assertThat(loaded.file().getTerm()).isEqualTo(3);
    assertThat(new String(loaded.payload(), StandardCharsets.UTF_8)).isEqualTo("twenty-five");
    assertThat(loaded.file().getFiles()).singleElement()
        .satisfies(f -> assertThat(f.getFileSize()).isEqualTo(Files.size(loaded.file().path())));
  }

  @Test
  void keepsOnlyTheLastTwoSnapshotsAndNoTempFiles() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    for (int i = 1; i <= 5; i++) {
      store.write(1, i * 100, new byte[i]);
      Files.writeString(dir.resolve(SnapshotFile.fileName(1, i * 100) + ".md5"), "x");
    }
    store.retain(SnapshotStore.RETAINED);

    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString()).sorted()).containsExactly(
          "snapshot-1-400.snap", "snapshot-1-400.snap.md5", "snapshot-1-500.snap", "snapshot-1-500.snap.md5");
    }
  }

  @Test
  void tempFilesOfACrashedWriteGoWhenTheStoreOpensButNotWhileItRuns() throws Exception {
    Files.createDirectories(dir);
    Path crashed = dir.resolve("." + SnapshotFile.fileName(1, 50) + ".tmp");
    Files.writeString(crashed, "half a snapshot");
    SnapshotStore store = new SnapshotStore(dir);
    assertThat(crashed).doesNotExist();

    Path running = dir.resolve("." + SnapshotFile.fileName(1, 300) + ".tmp");
    Files.writeString(running, "a write in progress on the writer's thread");
    store.write(1, 100, new byte[1]);
    store.write(1, 200, new byte[2]);
    store.retain(SnapshotStore.RETAINED);
    assertThat(running).exists();
  }

  @Test
  void aWriteOlderThanTheLatestSnapshotDoesNotBecomeTheLatest() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    store.write(2, 500, new byte[5]);
    store.write(1, 100, new byte[1]); // a background write that ended after a newer snapshot was installed

    assertThat(store.getLatestSnapshot().getIndex()).isEqualTo(500);
  }

  @Test
  void flippedByteIsReportedWithFileAndBothChecksums() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    Path file = store.write(1, 7, "state".getBytes(StandardCharsets.UTF_8)).path();
    byte[] bytes = Files.readAllBytes(file);
    bytes[40] ^= 1;
    Files.write(file, bytes);

    assertThatThrownBy(store::loadLatest).isInstanceOf(CorruptSnapshotException.class)
        .hasMessageStartingWith("snapshot file " + file + ": checksum mismatch (expected: sha256 ")
        .hasMessageMatching(".*expected: sha256 [0-9a-f]{64}, actual: sha256 [0-9a-f]{64}\\)");
  }

  @Test
  void truncatedFileIsCorrupt() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    Path file = store.write(1, 7, new byte[100]).path();
    byte[] bytes = Files.readAllBytes(file);
    Files.write(file, Arrays.copyOf(bytes, bytes.length - 10));

    assertThatThrownBy(store::loadLatest).isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("payload length 100 in header but 90 bytes present");
    Files.write(file, Arrays.copyOf(bytes, 20));
    assertThatThrownBy(store::loadLatest).hasMessageContaining("truncated to 20 bytes");
  }

  @Test
  void fileRenamedToAnotherIndexIsCorrupt() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    Path file = store.write(1, 7, new byte[3]).path();
    Files.move(file, dir.resolve(SnapshotFile.fileName(1, 8)));

    assertThatThrownBy(store::loadLatest).isInstanceOf(CorruptSnapshotException.class)
        .hasMessageContaining("header says term 1 index 7 (expected: term 1 index 8 from the file name)");
  }

  @Test
  void unrelatedFilesAreIgnored() throws Exception {
    Files.writeString(dir.resolve("notes.txt"), "hello");
    Files.writeString(dir.resolve(".snapshot-1-9.snap.tmp"), "half-written");

    assertThat(new SnapshotStore(dir).loadLatest()).isEmpty();
  }
}
