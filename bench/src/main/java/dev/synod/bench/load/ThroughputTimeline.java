package dev.synod.bench.load;

import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.LongAdder;

/** Counts events in 1 s buckets from an origin, from any thread: throughput over time. */
final class ThroughputTimeline {
  private static final long SECOND_NANOS = 1_000_000_000L;

  private final long originNanos;
  private final ConcurrentHashMap<Integer, LongAdder> buckets = new ConcurrentHashMap<>();

  ThroughputTimeline(long originNanos) {
    this.originNanos = originNanos;
  }

  void record(long nanos) {
    if (nanos < originNanos) {
      return;
    }
    int second = (int) Math.min(Integer.MAX_VALUE, (nanos - originNanos) / SECOND_NANOS);
    buckets.computeIfAbsent(second, s -> new LongAdder()).increment();
  }

  /** Seconds from the origin to the last event, inclusive. */
  int seconds() {
    return buckets.keySet().stream().mapToInt(s -> s + 1).max().orElse(0);
  }

  /** Events per second, {@code length} buckets (empty ones are zero). */
  long[] perSecond(int length) {
    long[] counts = new long[length];
    buckets.forEach((second, count) -> {
      if (second < length) {
        counts[second] = count.sum();
      }
    });
    return counts;
  }
}
