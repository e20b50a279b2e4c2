package dev.synod.bench.load;

import java.util.concurrent.TimeUnit;
import org.HdrHistogram.AbstractHistogram;
import org.HdrHistogram.Histogram;
import org.HdrHistogram.Recorder;

/**
 * The one histogram shape every latency uses, so histograms from any thread, interval or run can be
 * added together: microseconds, 1 µs to 1 h, three significant digits (0.1% error).
 */
public final class LatencyHistograms {
  public static final long HIGHEST_MICROS = TimeUnit.HOURS.toMicros(1);
  public static final int SIGNIFICANT_DIGITS = 3;

  private LatencyHistograms() {}

  public static Histogram create() {
    return new Histogram(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
  }

  /** Many threads record into it; a reader takes interval histograms without stopping them. */
  public static Recorder recorder() {
    return new Recorder(1, HIGHEST_MICROS, SIGNIFICANT_DIGITS);
  }

  /** Records {@code micros}, clamped to the trackable range rather than failing the operation. */
  public static void record(Recorder recorder, long micros) {
    recorder.recordValue(clamp(micros));
  }

  public static void record(Histogram histogram, long micros) {
    histogram.recordValue(clamp(micros));
  }

  /** The sum of {@code parts}: the same histogram as recording all their values into one. */
  public static Histogram merge(Iterable<? extends AbstractHistogram> parts) {
    Histogram total = create();
    for (AbstractHistogram part : parts) {
      total.add(part);
    }
    return total;
  }

  private static long clamp(long micros) {
    return Math.max(1, Math.min(micros, HIGHEST_MICROS));
  }
}
