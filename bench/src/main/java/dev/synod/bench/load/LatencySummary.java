package dev.synod.bench.load;

import org.HdrHistogram.AbstractHistogram;

/** The percentiles a report prints, in microseconds; all zero when nothing was recorded. */
public record LatencySummary(long count, double meanMicros, long p50Micros, long p90Micros, long p99Micros,
    long p999Micros, long maxMicros) {

  public static LatencySummary of(AbstractHistogram h) {
    if (h.getTotalCount() == 0) {
      return new LatencySummary(0, 0, 0, 0, 0, 0, 0);
    }
    return new LatencySummary(h.getTotalCount(), h.getMean(), h.getValueAtPercentile(50),
        h.getValueAtPercentile(90), h.getValueAtPercentile(99), h.getValueAtPercentile(99.9), h.getMaxValue());
  }

  @Override
  public String toString() {
    return "p50 " + millis(p50Micros) + "  p90 " + millis(p90Micros) + "  p99 " + millis(p99Micros)
        + "  p99.9 " + millis(p999Micros) + "  max " + millis(maxMicros) + " ms";
  }

  /** Milliseconds with microsecond precision, as tables show latency. */
  public static String millis(long micros) {
    return String.format(java.util.Locale.ROOT, "%.3f", micros / 1000.0);
  }
}
