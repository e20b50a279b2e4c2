package dev.synod.bench.failover;

import dev.synod.bench.load.WorkloadLimits;
import java.time.Duration;

/**
 * What a failover run does: {@code writers} closed-loop writers put {@code valueBytes}-byte values
 * under {@code keyCount} keys; after {@code warmup} the leader is SIGKILLed; the load goes on until
 * writes recover or {@code maxRecovery} has passed. Every write has {@code requestDeadline}, so one
 * stuck on the dead leader fails instead of hanging its writer.
 */
public record FailoverPlan(int writers, int valueBytes, int keyCount, Duration warmup, Duration maxRecovery,
    Duration requestDeadline) {
  /** Throughput before the kill is measured over the warm-up's second half, which must hold one 100 ms window. */
  public static final Duration MIN_WARMUP = Duration.ofMillis(200);
  public static final Duration MIN_REQUEST_DEADLINE = Duration.ofMillis(10);
  public static final Duration MAX_REQUEST_DEADLINE = Duration.ofMinutes(1);
  public static final Duration MAX_RECOVERY = Duration.ofHours(1);

  public FailoverPlan {
    range("writers", writers, 1, WorkloadLimits.MAX_CLIENTS);
    range("valueBytes", valueBytes, 0, WorkloadLimits.MAX_VALUE_BYTES);
    range("keyCount", keyCount, 1, WorkloadLimits.MAX_KEY_COUNT);
    between("warmup", warmup, MIN_WARMUP, WorkloadLimits.MAX_WARMUP);
    between("requestDeadline", requestDeadline, MIN_REQUEST_DEADLINE, MAX_REQUEST_DEADLINE);
    if (maxRecovery == null || maxRecovery.compareTo(requestDeadline) <= 0 || maxRecovery.compareTo(MAX_RECOVERY) > 0) {
      // A write stuck on the dead leader must be able to fail, and a later one succeed, within the window.
      throw new IllegalArgumentException("maxRecovery: " + maxRecovery + " (expected: > requestDeadline "
          + requestDeadline + " and <= " + MAX_RECOVERY + ")");
    }
  }

  /** 16 writers, 256 B values, 1000 keys, 3 s warm-up, up to 30 s for recovery, 2 s per write. */
  public static FailoverPlan defaults() {
    return new FailoverPlan(16, 256, 1000, Duration.ofSeconds(3), Duration.ofSeconds(30), Duration.ofSeconds(2));
  }

  public FailoverPlan withWarmup(Duration warmup) {
    return new FailoverPlan(writers, valueBytes, keyCount, warmup, maxRecovery, requestDeadline);
  }

  public FailoverPlan withMaxRecovery(Duration maxRecovery) {
    return new FailoverPlan(writers, valueBytes, keyCount, warmup, maxRecovery, requestDeadline);
  }

  public FailoverPlan withRequestDeadline(Duration requestDeadline) {
    return new FailoverPlan(writers, valueBytes, keyCount, warmup, maxRecovery, requestDeadline);
  }

  /** The plan in one line, for the report. */
  public String describe() {
    return writers + " closed-loop writers, " + valueBytes + " B values over " + keyCount + " keys, warm-up "
        + warmup + ", SIGKILL of the leader, up to " + maxRecovery + " for recovery, deadline " + requestDeadline
        + " per write (not retried); a writer whose write failed waits "
        + WriteLoad.FAILURE_PAUSE.toMillis() + " ms before its next";
  }

  private static void range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + ".." + max + ")");
    }
  }

  private static void between(String field, Duration value, Duration min, Duration max) {
    if (value == null || value.compareTo(min) < 0 || value.compareTo(max) > 0) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + ".." + max + ")");
    }
  }
}
