package dev.synod.bench.load;

import java.time.Duration;
import java.util.concurrent.atomic.AtomicLong;

/** The timeline of one run in {@link System#nanoTime} terms, shared by all its clients. */
final class RunPlan {
  final int clients;
  final boolean openLoop;
  final long startNanos;
  /** Operations due before this are warm-up and not measured. */
  final long measureStartNanos;
  /** No operation starts at or after this; {@code Long.MAX_VALUE} when the run is bounded by a count. */
  final long endNanos;
  private final double nanosPerOp;
  private final AtomicLong measuredLeft;

  RunPlan(Workload workload, long startNanos) {
    this.clients = workload.clients();
    this.openLoop = workload.openLoopRate().isPresent();
    this.nanosPerOp = openLoop ? 1e9 / workload.openLoopRate().getAsDouble() : 0;
    this.startNanos = startNanos;
    this.measureStartNanos = startNanos + workload.warmup().toNanos();
    this.endNanos = workload.duration().map(d -> saturatedAdd(measureStartNanos, d)).orElse(Long.MAX_VALUE);
    this.measuredLeft = new AtomicLong(workload.opCount().orElse(Long.MAX_VALUE));
  }

  /**
   * When operation {@code n} of client {@code client} is due in an open loop: the whole run is one
   * evenly spaced sequence, dealt out to the clients in turn.
   */
  long dueNanos(int client, long n) {
    return startNanos + (long) ((client + (double) n * clients) * nanosPerOp);
  }

  boolean measured(long dueNanos) {
    return dueNanos >= measureStartNanos;
  }

  /** Takes one of the measured operations a count-bounded run allows; false once they are all taken. */
  boolean claimMeasured() {
    return measuredLeft.getAndDecrement() > 0;
  }

  boolean over(long nanos) {
    return nanos >= endNanos;
  }

  private static long saturatedAdd(long nanos, Duration d) {
    long add = d.toNanos();
    return nanos > Long.MAX_VALUE - add ? Long.MAX_VALUE : nanos + add;
  }
}
