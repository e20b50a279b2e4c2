package dev.synod.registry;

/** Size and rate limits the registry enforces on every command and query. */
public record RegistryLimits(
    int maxKeyBytes,
    int maxValueBytes,
    int maxBatchSize,
    int maxRangeLimit,
    int defaultRangeLimit,
    int eventHistory,
    long minLeaseTtlMillis,
    long maxLeaseTtlMillis,
    long minHeartbeatTtlMillis,
    int maxHeartbeatsPerSecond,
    int maxIdBytes,
    int maxLabels,
    int maxAclTokens,
    int maxPemBytes) {

  public RegistryLimits {
    positive("maxKeyBytes", maxKeyBytes);
    positive("maxValueBytes", maxValueBytes);
    positive("maxBatchSize", maxBatchSize);
    positive("maxRangeLimit", maxRangeLimit);
    positive("defaultRangeLimit", defaultRangeLimit);
    if (defaultRangeLimit > maxRangeLimit) {
      throw new IllegalArgumentException("defaultRangeLimit: " + defaultRangeLimit
          + " (expected: <= maxRangeLimit " + maxRangeLimit + ")");
    }
    positive("eventHistory", eventHistory);
    positive("minLeaseTtlMillis", minLeaseTtlMillis);
    if (maxLeaseTtlMillis < minLeaseTtlMillis) {
      throw new IllegalArgumentException("maxLeaseTtlMillis: " + maxLeaseTtlMillis
          + " (expected: >= minLeaseTtlMillis " + minLeaseTtlMillis + ")");
    }
    positive("minHeartbeatTtlMillis", minHeartbeatTtlMillis);
    if (minHeartbeatTtlMillis > maxLeaseTtlMillis) {
      throw new IllegalArgumentException("minHeartbeatTtlMillis: " + minHeartbeatTtlMillis
          + " (expected: <= maxLeaseTtlMillis " + maxLeaseTtlMillis + ")");
    }
    positive("maxHeartbeatsPerSecond", maxHeartbeatsPerSecond);
    positive("maxIdBytes", maxIdBytes);
    if (maxLabels < 0) {
      throw new IllegalArgumentException("maxLabels: " + maxLabels + " (expected: >= 0)");
    }
    positive("maxAclTokens", maxAclTokens);
    positive("maxPemBytes", maxPemBytes);
  }

  /** Production defaults; each value is explained inline. */
  public static RegistryLimits defaults() {
    return new RegistryLimits(
        4096, // maxKeyBytes: config paths, never documents
        512 * 1024, // maxValueBytes: keeps one Raft entry well under the transport's message cap
        128, // maxBatchSize: one atomic batch stays one modest log entry
        10_000, // maxRangeLimit: bounds the memory of a single range response
        1_000, // defaultRangeLimit: page size when the client sends limit = 0
        10_000, // eventHistory: events retained for watch resume after a disconnect
        1_000, // minLeaseTtlMillis: shorter leases would expire between two expiry sweeps
        24L * 60 * 60 * 1000, // maxLeaseTtlMillis: a day; longer "leases" are really permanent keys
        10_000, // minHeartbeatTtlMillis: survives a leader election plus a few lost heartbeats
        50, // maxHeartbeatsPerSecond: fleet-wide heartbeat budget; TTLs grow to stay under it
        256, // maxIdBytes: registrant ids, zones, addresses, label keys and values
        64, // maxLabels: labels (and addresses) per registrant
        10_000, // maxAclTokens: stored token secrets, revoked and rotated tombstones included
        16 * 1024); // maxPemBytes: each PEM of the signing CA; real ones are a few KiB
  }

  private static void positive(String name, long value) {
    if (value <= 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: > 0)");
    }
  }
}
