package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.util.OptionalLong;
import java.util.concurrent.CountDownLatch;
import org.apache.ratis.server.raftlog.RaftLog;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SnapshotWriterTest {
  @TempDir
  Path dir;

  @Test
  void ratisHearsOfASnapshotOnlyOnceItIsDurableAndExactlyOnce() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    CountDownLatch serialize = new CountDownLatch(1);
    try (SnapshotWriter writer = new SnapshotWriter(store, "test-snapshot-writer")) {
      assertThat(writer.answerWithoutCapture()).as("idle, nothing written yet").isEmpty();
      writer.start(1, 40, () -> {
        await(serialize);
        return "forty".getBytes(StandardCharsets.UTF_8);
      });

      assertThat(writer.answerWithoutCapture()).as("while writing: the newest durable index, none yet")
          .isEqualTo(OptionalLong.of(RaftLog.INVALID_LOG_INDEX));
      assertThat(store.getLatestSnapshot()).isNull();
      serialize.countDown();
      writer.awaitIdle();

      assertThat(store.getLatestSnapshot().getIndex()).isEqualTo(40);
      assertThat(writer.answerWithoutCapture()).isEqualTo(OptionalLong.of(40));
      assertThat(writer.answerWithoutCapture()).as("reported once; a new snapshot may start").isEmpty();
    }
  }

  /**
   * Ratis asserts that every index it is given is at least the last one it knows, and stops the member otherwise.
   * A snapshot installed from the leader, or written for an operator, can overtake a finished background write
   * that Ratis was not yet told of; the answer must then be the newer durable snapshot.
   */
  @Test
  void aFinishedWriteOvertakenByANewerSnapshotIsAnsweredWithTheNewerOne() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (SnapshotWriter writer = new SnapshotWriter(store, "test-snapshot-writer")) {
      writer.start(1, 40, () -> new byte[4]);
      writer.awaitIdle();
      store.write(2, 75, new byte[7]); // as an operator's snapshot, or an install followed by a reload, leaves it

      assertThat(writer.answerWithoutCapture()).as("never an index older than the newest durable one")
          .isEqualTo(OptionalLong.of(75));
      assertThat(writer.answerWithoutCapture()).isEmpty();
    }
  }

  @Test
  void whileASnapshotIsWrittenRatisIsGivenThePreviousOne() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    store.write(1, 10, new byte[1]);
    CountDownLatch serialize = new CountDownLatch(1);
    try (SnapshotWriter writer = new SnapshotWriter(store, "test-snapshot-writer")) {
      writer.start(1, 90, () -> {
        await(serialize);
        return new byte[9];
      });

      assertThat(writer.answerWithoutCapture()).isEqualTo(OptionalLong.of(10));
      assertThatThrownBy(() -> writer.start(1, 95, () -> new byte[1])).isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("a snapshot is already being written");
      serialize.countDown();
    }
    assertThat(store.getLatestSnapshot().getIndex()).as("close finished the write").isEqualTo(90);
  }

  @Test
  void aFailedWriteIsReportedToTheNextAskOnceThenAnotherMayStart() throws Exception {
    SnapshotStore store = new SnapshotStore(dir);
    try (SnapshotWriter writer = new SnapshotWriter(store, "test-snapshot-writer")) {
      writer.start(1, 40, () -> {
        throw new IllegalStateException("serializer broke");
      });
      writer.awaitIdle();

      assertThatThrownBy(writer::answerWithoutCapture).isInstanceOf(IOException.class)
          .hasMessageContaining("writing the last snapshot failed").hasMessageContaining("serializer broke");
      assertThat(writer.answerWithoutCapture()).isEmpty();
      writer.start(1, 41, () -> new byte[4]);
      writer.awaitIdle();
      assertThat(writer.answerWithoutCapture()).isEqualTo(OptionalLong.of(41));
    }
  }

  @Test
  void aClosedWriterRefusesNewWork() throws Exception {
    SnapshotWriter writer = new SnapshotWriter(new SnapshotStore(dir), "test-snapshot-writer");
    writer.close();

    assertThatThrownBy(() -> writer.start(1, 5, () -> new byte[1])).isInstanceOf(IOException.class)
        .hasMessage("the snapshot writer is closed");
  }

  private static void await(CountDownLatch latch) {
    try {
      latch.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
