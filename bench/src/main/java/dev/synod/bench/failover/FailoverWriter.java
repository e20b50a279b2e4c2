package dev.synod.bench.failover;

import dev.synod.bench.load.ErrorStatus;
import dev.synod.bench.load.KeySpace;
import dev.synod.bench.load.KvTarget;
import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

/**
 * One closed-loop writer: a chain of puts, never more than one in flight, each sent when the one
 * before completes, or {@link WriteLoad#FAILURE_PAUSE} after it failed. Puts that complete at once
 * are handled in a loop rather than by recursion, so a synchronous target cannot overflow the stack.
 */
final class FailoverWriter {
  private final WriteLoad load;
  private final KvTarget target;
  private final KeySpace keys;
  private final SplittableRandom random;

  FailoverWriter(WriteLoad load, KvTarget target, KeySpace keys, long seed) {
    this.load = load;
    this.target = target;
    this.keys = keys;
    this.random = new SplittableRandom(seed);
  }

  void run() {
    try {
      writeUntilBlocked();
    } catch (RuntimeException | Error e) {
      // A bug in the driver or the target: end this writer rather than leave the run waiting for it.
      load.crashed(e);
      load.writerDone();
    }
  }

  private void writeUntilBlocked() {
    while (!load.stopping()) {
      long issued = load.now();
      CompletableFuture<?> result = send(keys.key(random.nextInt(keys.keyCount())));
      if (!result.isDone()) {
        result.whenComplete((ignored, failure) -> {
          if (completed(issued, failure)) {
            run();
          }
        });
        return;
      }
      if (!completed(issued, failureOf(result))) {
        return;
      }
    }
    load.writerDone();
  }

  private CompletableFuture<?> send(byte[] key) {
    try {
      CompletableFuture<?> f = target.put(key, keys.value());
      return f != null ? f : CompletableFuture.failedFuture(new NullPointerException("target returned no future"));
    } catch (RuntimeException e) {
      // A target that throws instead of failing its future still counts as one failed write.
      return CompletableFuture.failedFuture(e);
    }
  }

  /** Records the outcome; true to write again at once, false when the next write waits for the pause. */
  private boolean completed(long issued, Throwable failure) {
    if (failure == null) {
      load.timeline().acked(issued);
      return true;
    }
    load.timeline().failed(statusOf(failure));
    try {
      load.scheduler().schedule(this::run, WriteLoad.FAILURE_PAUSE.toNanos(), TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The run is over and its scheduler shut down.
      load.writerDone();
    }
    return false;
  }

  private String statusOf(Throwable failure) {
    try {
      return target.errorStatus(failure);
    } catch (RuntimeException e) {
      return ErrorStatus.of(failure);
    }
  }

  private static Throwable failureOf(CompletableFuture<?> doneFuture) {
    try {
      doneFuture.getNow(null);
      return null;
    } catch (CompletionException e) {
      return e.getCause() != null ? e.getCause() : e;
    } catch (CancellationException e) {
      return e;
    }
  }
}
