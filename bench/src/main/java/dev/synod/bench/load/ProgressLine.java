package dev.synod.bench.load;

import java.io.PrintStream;
import java.util.Locale;
import org.HdrHistogram.Histogram;

/** Prints one line a second while a run goes, so a person watching sees it move (or stall). */
final class ProgressLine {
  private final PrintStream out;
  private final String targetName;
  private final RunPlan plan;
  private final RunRecorder recorder;
  private long lastNanos;
  private long lastWarmupOps;

  ProgressLine(PrintStream out, String targetName, RunPlan plan, RunRecorder recorder) {
    this.out = out;
    this.targetName = targetName;
    this.plan = plan;
    this.recorder = recorder;
    this.lastNanos = plan.startNanos;
  }

  /** Called once a second by the runner's scheduler; also drains the recorder's interval. */
  synchronized void tick() {
    long now = System.nanoTime();
    double seconds = Math.max(1e-9, (now - lastNanos) / 1e9);
    // An interval that began in the warm-up is reported as warm-up, even if it ends after it.
    boolean warmingUp = lastNanos < plan.measureStartNanos;
    lastNanos = now;
    Histogram interval = recorder.drainInterval();
    long warmupOps = recorder.warmupOps();
    long warmupDelta = warmupOps - lastWarmupOps;
    lastWarmupOps = warmupOps;
    if (out != null) {
      out.println(format(now, seconds, warmingUp, interval, warmupDelta));
    }
  }

  private String format(long now, double seconds, boolean warmingUp, Histogram interval, long warmupDelta) {
    long elapsed = (now - plan.startNanos) / 1_000_000_000L;
    if (warmingUp) {
      return String.format(Locale.ROOT, "[%s %4ds] warming up  %,.0f ops/s  in flight %d",
          targetName, elapsed, (warmupDelta + interval.getTotalCount()) / seconds, recorder.inFlight.get());
    }
    return String.format(Locale.ROOT, "[%s %4ds] measuring   %,.0f ops/s  p50 %s ms  p99 %s ms  max %s ms"
            + "  errors %d  in flight %d",
        targetName, elapsed, interval.getTotalCount() / seconds,
        LatencySummary.millis(interval.getValueAtPercentile(50)),
        LatencySummary.millis(interval.getValueAtPercentile(99)),
        LatencySummary.millis(interval.getMaxValue()), recorder.errorCount(), recorder.inFlight.get());
  }
}
