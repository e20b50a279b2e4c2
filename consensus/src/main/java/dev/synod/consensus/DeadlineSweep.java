package dev.synod.consensus;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.LongSupplier;

/**
 * Fails the futures still pending at their deadline, all watched with one timeout, on a coarse tick of the node's
 * timer. {@code CompletableFuture.orTimeout} schedules a task per future on the JDK's delay thread and wakes that
 * thread each time: a thread wake on every write. Watching here only queues the future. With one timeout, deadlines
 * come in the order futures are watched, so a tick looks at the head of the queue only, and the tick stops while
 * nothing is watched.
 */
final class DeadlineSweep {
  private static final long MIN_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(1);
  private static final long MAX_TICK_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private record Watched(CompletableFuture<?> future, long deadlineNanos) {}

  private final ConcurrentLinkedQueue<Watched> watched = new ConcurrentLinkedQueue<>();
  private final AtomicBoolean ticking = new AtomicBoolean();
  private final ScheduledExecutorService timer;
  private final long timeoutNanos;
  private final long tickNanos;
  private final LongSupplier nanoClock;
  private volatile boolean closed;

  /** A future fails between {@code timeout} and {@code timeout} plus a twentieth of it (1 to 100 ms) late. */
  DeadlineSweep(ScheduledExecutorService timer, Duration timeout, LongSupplier nanoClock) {
    this.timer = timer;
    this.timeoutNanos = timeout.toNanos();
    this.tickNanos = Math.min(MAX_TICK_NANOS, Math.max(MIN_TICK_NANOS, timeoutNanos / 20));
    this.nanoClock = nanoClock;
  }

  /** Returns {@code future}, which fails with a {@link TimeoutException} unless it completes in time. */
  <T> CompletableFuture<T> watch(CompletableFuture<T> future) {
    watched.add(new Watched(future, nanoClock.getAsLong() + timeoutNanos));
    if (closed) {
      failAll(null);
    } else if (ticking.compareAndSet(false, true)) {
      schedule();
    }
    return future;
  }

  /** Fails every watched future, and any watched later, at once: the node is closing and its timer stops. */
  void close() {
    closed = true;
    failAll(null);
  }

  boolean ticking() {
    return ticking.get();
  }

  /** Fails what is due, drops what completed, and ticks again while anything is watched. */
  void tick() {
    long now = nanoClock.getAsLong();
    for (Watched w = watched.peek(); w != null; w = watched.peek()) {
      if (!w.future.isDone() && now - w.deadlineNanos < 0) {
        break;
      }
      watched.poll();
      if (!w.future.isDone()) {
        w.future.completeExceptionally(
            new TimeoutException("no reply within " + Duration.ofNanos(timeoutNanos).toMillis() + " ms"));
      }
    }
    if (!watched.isEmpty()) {
      schedule();
      return;
    }
    ticking.set(false);
    // A future watched between the emptiness check and the flag: its watch() saw the tick still running.
    if (!watched.isEmpty() && ticking.compareAndSet(false, true)) {
      schedule();
    }
  }

  private void schedule() {
    try {
      timer.schedule(this::tick, tickNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException closing) {
      failAll(closing);
      ticking.set(false);
    }
  }

  private void failAll(Throwable cause) {
    for (Watched w = watched.poll(); w != null; w = watched.poll()) {
      w.future.completeExceptionally(new IOException("consensus node is closing", cause));
    }
  }
}
