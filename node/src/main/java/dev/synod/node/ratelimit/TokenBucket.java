package dev.synod.node.ratelimit;

/**
 * A token bucket: refills at {@code ratePerSecond}, holds at most {@code burst} tokens. Time comes from the
 * caller (nanoTime-like readings) so tests move it by hand. Thread-safe.
 */
public final class TokenBucket {
  private final double ratePerNano;
  private final double burst;
  private double tokens;
  private long lastNanos;
  private long refusedSinceReport;
  private long lastReportNanos;

  public TokenBucket(double ratePerSecond, double burst, long nowNanos) {
    if (!(ratePerSecond > 0)) {
      throw new IllegalArgumentException("ratePerSecond: " + ratePerSecond + " (expected: > 0)");
    }
    if (!(burst >= 1)) {
      throw new IllegalArgumentException("burst: " + burst + " (expected: >= 1)");
    }
    this.ratePerNano = ratePerSecond / 1e9;
    this.burst = burst;
    this.tokens = burst;
    this.lastNanos = nowNanos;
    this.lastReportNanos = nowNanos - 1_000_000_000L;
  }

  /** Takes one token if there is one; otherwise returns the nanoseconds until one will be there. */
  public synchronized long tryTake(long nowNanos) {
    refill(nowNanos);
    if (tokens >= 1) {
      tokens -= 1;
      return 0;
    }
    refusedSinceReport++;
    return (long) Math.ceil((1 - tokens) / ratePerNano);
  }

  /**
   * Refusals since the last report, if a second has passed since it (so a flood writes one log line a
   * second, not one per refused call); 0 otherwise.
   */
  public synchronized long refusalsToReport(long nowNanos) {
    if (refusedSinceReport == 0 || nowNanos - lastReportNanos < 1_000_000_000L) {
      return 0;
    }
    long n = refusedSinceReport;
    refusedSinceReport = 0;
    lastReportNanos = nowNanos;
    return n;
  }

  private void refill(long nowNanos) {
    long elapsed = Math.max(0, nowNanos - lastNanos);
    tokens = Math.min(burst, tokens + elapsed * ratePerNano);
    lastNanos = nowNanos;
  }
}
