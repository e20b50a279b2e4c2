package dev.synod.bench.load;

import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.concurrent.atomic.LongAdder;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * Collects what the clients of one run observe, from any thread. Latencies go into HdrHistogram
 * recorders (wait-free for the recording threads); every interval, and once at the end, the interval
 * histograms are added to the run totals, so the totals are the merge of all intervals.
 */
final class RunRecorder {
  private final Recorder puts = LatencyHistograms.recorder();
  private final Recorder gets = LatencyHistograms.recorder();
  private final Histogram putTotal = LatencyHistograms.create();
  private final Histogram getTotal = LatencyHistograms.create();
  private final ConcurrentHashMap<String, LongAdder> errors = new ConcurrentHashMap<>();
  private final LongAdder errorCount = new LongAdder();
  private final LongAdder warmupOps = new LongAdder();
  private final ThroughputTimeline completions;
  private final ThroughputTimeline failures;
  private final AtomicLong lastMeasuredNanos = new AtomicLong(Long.MIN_VALUE);
  private final AtomicLong lastCompletionNanos;
  final AtomicInteger inFlight = new AtomicInteger();
  private final AtomicReference<Throwable> crash = new AtomicReference<>();
  private volatile boolean closed;

  RunRecorder(long measureStartNanos, long startNanos) {
    this.completions = new ThroughputTimeline(measureStartNanos);
    this.failures = new ThroughputTimeline(measureStartNanos);
    this.lastCompletionNanos = new AtomicLong(startNanos);
  }

  void succeeded(Operation op, long dueNanos, long doneNanos, boolean measured) {
    completed(doneNanos);
    if (closed) {
      return;
    }
    if (!measured) {
      warmupOps.increment();
      return;
    }
    LatencyHistograms.record(op == Operation.PUT ? puts : gets, (doneNanos - dueNanos) / 1_000);
    completions.record(doneNanos);
    lastMeasuredNanos.accumulateAndGet(doneNanos, Math::max);
  }

  void failed(String status, long doneNanos, boolean measured) {
    completed(doneNanos);
    if (closed) {
      return;
    }
    if (!measured) {
      warmupOps.increment();
      return;
    }
    errors.computeIfAbsent(status, s -> new LongAdder()).increment();
    errorCount.increment();
    failures.record(doneNanos);
    lastMeasuredNanos.accumulateAndGet(doneNanos, Math::max);
  }

  /** Moves what was recorded since the last call into the totals, and returns it (puts and gets merged). */
  synchronized Histogram drainInterval() {
    Histogram putInterval = puts.getIntervalHistogram();
    Histogram getInterval = gets.getIntervalHistogram();
    putTotal.add(putInterval);
    getTotal.add(getInterval);
    return LatencyHistograms.merge(java.util.List.of(putInterval, getInterval));
  }

  /** Drains the last interval; operations that complete afterwards are ignored. */
  synchronized void close() {
    drainInterval();
    closed = true;
  }

  synchronized Histogram putTotal() {
    return putTotal.copy();
  }

  synchronized Histogram getTotal() {
    return getTotal.copy();
  }

  /** Keeps the first unexpected exception a client died of; the runner reports it. */
  void crashed(Throwable t) {
    crash.compareAndSet(null, t);
  }

  Throwable crash() {
    return crash.get();
  }

  long errorCount() {
    return errorCount.sum();
  }

  Map<String, Long> errorsByStatus() {
    Map<String, Long> sorted = new TreeMap<>();
    errors.forEach((status, count) -> sorted.put(status, count.sum()));
    return sorted;
  }

  long warmupOps() {
    return warmupOps.sum();
  }

  /** The completion time of the last measured operation, or {@code Long.MIN_VALUE} if none. */
  long lastMeasuredNanos() {
    return lastMeasuredNanos.get();
  }

  /** The completion time of the last operation of any kind: how long a stuck run has been stuck. */
  long lastCompletionNanos() {
    return lastCompletionNanos.get();
  }

  int timelineSeconds() {
    return Math.max(completions.seconds(), failures.seconds());
  }

  long[] completionsPerSecond(int seconds) {
    return completions.perSecond(seconds);
  }

  long[] failuresPerSecond(int seconds) {
    return failures.perSecond(seconds);
  }

  private void completed(long doneNanos) {
    inFlight.decrementAndGet();
    lastCompletionNanos.accumulateAndGet(doneNanos, Math::max);
  }
}
