package dev.synod.bench.load;

import java.time.Duration;

/** The bounds a {@link Workload} setting must stay within. */
public final class WorkloadLimits {
  /** Each client is one outstanding operation; more than this only measures the generator. */
  public static final int MAX_CLIENTS = 4096;
  public static final int MAX_CONNECTIONS = 1024;
  public static final int MAX_KEY_COUNT = 100_000_000;
  /** Synod's key and value limits; etcd's are larger, so both systems accept every workload. */
  public static final int MAX_KEY_BYTES = 4096;
  public static final int MAX_VALUE_BYTES = 512 * 1024;
  public static final Duration MAX_DURATION = Duration.ofHours(24);
  public static final Duration MAX_WARMUP = Duration.ofHours(1);
  public static final long MAX_OP_COUNT = 1_000_000_000_000L;
  public static final double MAX_RATE = 10_000_000;

  private WorkloadLimits() {}
}
