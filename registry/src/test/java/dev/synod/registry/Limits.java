package dev.synod.registry;

/** Small limits for tests, so boundaries are cheap to reach. */
final class Limits {
  private Limits() {}

  static RegistryLimits with(int maxRangeLimit, int defaultRangeLimit) {
    RegistryLimits d = RegistryLimits.defaults();
    return new RegistryLimits(d.maxKeyBytes(), d.maxValueBytes(), d.maxBatchSize(), maxRangeLimit,
        defaultRangeLimit, d.eventHistory(), d.minLeaseTtlMillis(), d.maxLeaseTtlMillis(),
        d.minHeartbeatTtlMillis(), d.maxHeartbeatsPerSecond(), d.maxIdBytes(), d.maxLabels(),
        d.maxAclTokens(), d.maxPemBytes());
  }

  static RegistryLimits eventHistory(int events) {
    RegistryLimits d = RegistryLimits.defaults();
    return new RegistryLimits(d.maxKeyBytes(), d.maxValueBytes(), d.maxBatchSize(), d.maxRangeLimit(),
        d.defaultRangeLimit(), events, d.minLeaseTtlMillis(), d.maxLeaseTtlMillis(),
        d.minHeartbeatTtlMillis(), d.maxHeartbeatsPerSecond(), d.maxIdBytes(), d.maxLabels(),
        d.maxAclTokens(), d.maxPemBytes());
  }

  static RegistryLimits heartbeats(long minHeartbeatTtlMillis, int maxHeartbeatsPerSecond) {
    RegistryLimits d = RegistryLimits.defaults();
    return new RegistryLimits(d.maxKeyBytes(), d.maxValueBytes(), d.maxBatchSize(), d.maxRangeLimit(),
        d.defaultRangeLimit(), d.eventHistory(), d.minLeaseTtlMillis(), d.maxLeaseTtlMillis(),
        minHeartbeatTtlMillis, maxHeartbeatsPerSecond, d.maxIdBytes(), d.maxLabels(),
        d.maxAclTokens(), d.maxPemBytes());
  }

  static RegistryLimits acl(int maxAclTokens, int maxPemBytes) {
    RegistryLimits d = RegistryLimits.defaults();
    return new RegistryLimits(d.maxKeyBytes(), d.maxValueBytes(), d.maxBatchSize(), d.maxRangeLimit(),
        d.defaultRangeLimit(), d.eventHistory(), d.minLeaseTtlMillis(), d.maxLeaseTtlMillis(),
        d.minHeartbeatTtlMillis(), d.maxHeartbeatsPerSecond(), d.maxIdBytes(), d.maxLabels(),
        maxAclTokens, maxPemBytes);
  }

  /** Tiny limits for property tests: small batches, short history, quick TTLs, few tokens, short PEMs. */
  static RegistryLimits tiny() {
    return new RegistryLimits(16, 32, 4, 8, 4, 12, 1_000, 60_000, 2_000, 1, 16, 2, 4, 24);
  }
}
