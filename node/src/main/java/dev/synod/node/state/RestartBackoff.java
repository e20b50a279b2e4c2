package dev.synod.node.state;

import java.time.Duration;

/**
 * Delays between in-process Raft restarts: the first after {@code first}, each next one twice as long up to
 * {@code max}; after {@code calm} without a restart the next one is quick again. Not thread-safe.
 */
final class RestartBackoff {
  private final Duration first;
  private final Duration max;
  private final Duration calm;
  private int attempt;
  private long lastNanos;

  RestartBackoff(Duration first, Duration max, Duration calm) {
    if (first.isNegative() || first.isZero() || max.compareTo(first) < 0) {
      throw new IllegalArgumentException("first: " + first + ", max: " + max + " (expected: 0 < first <= max)");
    }
    this.first = first;
    this.max = max;
    this.calm = calm;
  }

  /** The delay before the restart asked for at {@code nowNanos} (a System.nanoTime() reading). */
  Duration next(long nowNanos) {
    if (attempt > 0 && nowNanos - lastNanos >= calm.toNanos()) {
      attempt = 0;
    }
    lastNanos = nowNanos;
    Duration delay = first;
    for (int i = 0; i < attempt && delay.compareTo(max) < 0; i++) {
      delay = delay.multipliedBy(2);
    }
    attempt++;
    return delay.compareTo(max) > 0 ? max : delay;
  }
}
