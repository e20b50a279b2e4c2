package dev.synod.consensus;

import java.io.IOException;
import java.io.InterruptedIOException;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Supplier;
import org.apache.ratis.server.raftlog.RaftLog;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Serializes, writes and fsyncs snapshots on a thread of its own, one at a time. Ratis asks for snapshots on its
 * state machine updater, which applies nothing while it waits; with this writer it waits only while the state is
 * captured. A snapshot is reported to Ratis only once it is durable (Ratis purges the log up to the index it is
 * given): while one is being written, Ratis is given the newest durable index and asks again after its next
 * applies, and the first ask after the write finished is given the new index.
 *
 * <p>Every answer is the store's newest durable index, never the index of the write itself: Ratis stops the member
 * if an answer is below one it was given before, and a snapshot installed from the leader or written for an
 * operator can overtake a background write before Ratis asks again.
 */
final class SnapshotWriter implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotWriter.class);

  private final SnapshotStore store;
  private final ExecutorService thread;
  private CompletableFuture<SnapshotFile> inFlight; // guarded by this
  private boolean finishedUnreported; // guarded by this: a write ended durable since Ratis last asked
  private Throwable unreportedFailure; // guarded by this

  SnapshotWriter(SnapshotStore store, String threadName) {
    this.store = store;
    this.thread = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, threadName);
      t.setDaemon(true);
      return t;
    });
  }

  /**
   * What to answer Ratis, if anything, before a new snapshot is captured: the newest durable index while a write is
   * running or once one has ended since the last ask. Empty when the writer is idle with nothing to report.
   *
   * @throws IOException the write started at the last ask failed (reported once; the next ask starts another)
   */
  synchronized OptionalLong answerWithoutCapture() throws IOException {
    if (inFlight != null) {
      return OptionalLong.of(durableIndex());
    }
    if (unreportedFailure != null) {
      Throwable failure = unreportedFailure;
      unreportedFailure = null;
      throw new IOException("writing the last snapshot failed: " + failure, failure);
    }
    if (finishedUnreported) {
      finishedUnreported = false;
      return OptionalLong.of(durableIndex());
    }
    return OptionalLong.empty();
  }

  /** Starts writing the captured state of entry {@code index}; the caller saw {@link #answerWithoutCapture} empty. */
  synchronized void start(long term, long index, Supplier<byte[]> image) throws IOException {
    if (inFlight != null) {
      throw new IllegalStateException("a snapshot is already being written: " + inFlight);
    }
    CompletableFuture<SnapshotFile> job = new CompletableFuture<>();
    try {
      thread.execute(() -> {
        try {
          finished(job, write(store, term, index, image), null);
        } catch (IOException | RuntimeException | Error e) {
          LOG.error("Writing the snapshot of index {} failed; Ratis will ask for another", index, e);
          finished(job, null, e);
        }
      });
    } catch (RejectedExecutionException closed) {
      throw new IOException("the snapshot writer is closed", closed);
    }
    inFlight = job;
  }

  /** The newest durable snapshot's index, or {@link RaftLog#INVALID_LOG_INDEX} when there is none. */
  long durableIndex() {
    SnapshotFile latest = store.getLatestSnapshot();
    return latest == null ? RaftLog.INVALID_LOG_INDEX : latest.getIndex();
  }

  /** Waits for the write in progress, if any, to end (written or failed). */
  void awaitIdle() throws InterruptedIOException {
    CompletableFuture<SnapshotFile> job;
    synchronized (this) {
      job = inFlight;
    }
    if (job == null) {
      return;
    }
    try {
      job.get();
    } catch (ExecutionException failedAndLogged) {
      // The writer logged it, and the next ask reports it to Ratis.
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("interrupted while waiting for a snapshot write");
    }
  }

  /** Lets the write in progress finish, then stops the thread. */
  @Override
  public void close() throws InterruptedIOException {
    thread.shutdown();
    awaitIdle();
  }

  /** Serializes and writes one snapshot on the calling thread, and logs what each step took. */
  static SnapshotFile write(SnapshotStore store, long term, long index, Supplier<byte[]> image) throws IOException {
    long start = System.nanoTime();
    byte[] payload = image.get();
    long serialized = System.nanoTime();
    SnapshotFile written = store.write(term, index, payload);
    LOG.info("Wrote snapshot {} ({} bytes of state): serialized in {} ms, written and synced in {} ms", written,
        payload.length, (serialized - start) / 1_000_000, (System.nanoTime() - serialized) / 1_000_000);
    return written;
  }

  private synchronized void finished(CompletableFuture<SnapshotFile> job, SnapshotFile file, Throwable failure) {
    if (inFlight == job) {
      inFlight = null;
    }
    if (failure != null) {
      unreportedFailure = failure;
      job.completeExceptionally(failure);
    } else {
      finishedUnreported = true;
      job.complete(file);
    }
  }
}
