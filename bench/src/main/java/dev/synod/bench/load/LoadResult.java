package dev.synod.bench.load;

import java.util.List;
import java.util.Locale;
import java.util.Map;
import org.HdrHistogram.Histogram;

/**
 * What one run measured, warm-up excluded. Latencies are of successful operations only; failed ones
 * are counted by status. Throughput is successful operations per second, from the start of the
 * measured part to the completion of its last operation.
 */
public final class LoadResult {
  private final String targetName;
  private final Workload workload;
  private final long measuredNanos;
  private final Histogram puts;
  private final Histogram gets;
  private final Map<String, Long> errorsByStatus;
  private final long[] completionsPerSecond;
  private final long[] errorsPerSecond;
  private final long warmupOps;
  private final long unfinishedOps;

  LoadResult(String targetName, Workload workload, long measuredNanos, Histogram puts, Histogram gets,
      Map<String, Long> errorsByStatus, long[] completionsPerSecond, long[] errorsPerSecond, long warmupOps,
      long unfinishedOps) {
    this.targetName = targetName;
    this.workload = workload;
    this.measuredNanos = measuredNanos;
    this.puts = puts;
    this.gets = gets;
    this.errorsByStatus = Map.copyOf(errorsByStatus);
    this.completionsPerSecond = completionsPerSecond.clone();
    this.errorsPerSecond = errorsPerSecond.clone();
    this.warmupOps = warmupOps;
    this.unfinishedOps = unfinishedOps;
  }

  public String targetName() {
    return targetName;
  }

  public Workload workload() {
    return workload;
  }

  public double measuredSeconds() {
    return measuredNanos / 1e9;
  }

  /** Successful measured operations. */
  public long completedOps() {
    return puts.getTotalCount() + gets.getTotalCount();
  }

  public long putOps() {
    return puts.getTotalCount();
  }

  public long getOps() {
    return gets.getTotalCount();
  }

  /** Successful operations per second; 0 when nothing was measured. */
  public double throughput() {
    return measuredNanos <= 0 ? 0 : completedOps() / measuredSeconds();
  }

  public LatencySummary latency() {
    return LatencySummary.of(latencyHistogram());
  }

  public LatencySummary putLatency() {
    return LatencySummary.of(puts);
  }

  public LatencySummary getLatency() {
    return LatencySummary.of(gets);
  }

  /** Puts and gets together, in microseconds; a copy, for plots and JSON. */
  public Histogram latencyHistogram() {
    return LatencyHistograms.merge(List.of(puts, gets));
  }

  public Histogram putHistogram() {
    return puts.copy();
  }

  public Histogram getHistogram() {
    return gets.copy();
  }

  public long errorCount() {
    return errorsByStatus.values().stream().mapToLong(Long::longValue).sum();
  }

  /** Failed measured operations by status code (or exception class), in name order. */
  public Map<String, Long> errorsByStatus() {
    return new java.util.TreeMap<>(errorsByStatus);
  }

  /** Successful operations completed in each second of the measured part. */
  public long[] completionsPerSecond() {
    return completionsPerSecond.clone();
  }

  /** Failed operations in each second of the measured part, on the same seconds. */
  public long[] errorsPerSecond() {
    return errorsPerSecond.clone();
  }

  public long warmupOps() {
    return warmupOps;
  }

  /** Operations still in flight when the runner stopped waiting for them; normally 0. */
  public long unfinishedOps() {
    return unfinishedOps;
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s: %,d ops in %.1f s = %,.0f ops/s, %s, errors %s%s",
        targetName, completedOps(), measuredSeconds(), throughput(), latency(),
        errorsByStatus.isEmpty() ? "none" : errorsByStatus(),
        unfinishedOps > 0 ? ", unfinished " + unfinishedOps : "");
  }
}
