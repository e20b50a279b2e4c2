package dev.synod.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RegistryLimitsTest {
  @Test
  void defaultsMatchTheDocumentedValues() {
    RegistryLimits d = RegistryLimits.defaults();
    assertThat(d.maxKeyBytes()).isEqualTo(4096);
    assertThat(d.maxValueBytes()).isEqualTo(512 * 1024);
    assertThat(d.maxBatchSize()).isEqualTo(128);
    assertThat(d.maxRangeLimit()).isEqualTo(10_000);
    assertThat(d.defaultRangeLimit()).isEqualTo(1_000);
    assertThat(d.minLeaseTtlMillis()).isEqualTo(1_000);
    assertThat(d.maxLeaseTtlMillis()).isEqualTo(86_400_000);
    assertThat(d.minHeartbeatTtlMillis()).isEqualTo(10_000);
    assertThat(d.maxAclTokens()).isEqualTo(10_000);
    assertThat(d.maxPemBytes()).isEqualTo(16 * 1024);
  }

  @Test
  void nonPositiveLimitIsRejectedNamingTheField() {
    assertThatThrownBy(() -> new RegistryLimits(0, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("maxKeyBytes: 0 (expected: > 0)");
    assertThatThrownBy(() -> new RegistryLimits(1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1, 1, 1, 1))
        .hasMessage("maxHeartbeatsPerSecond: 0 (expected: > 0)");
    assertThatThrownBy(() -> new RegistryLimits(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, -1, 1, 1))
        .hasMessage("maxLabels: -1 (expected: >= 0)");
    assertThatThrownBy(() -> new RegistryLimits(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0, 1))
        .hasMessage("maxAclTokens: 0 (expected: > 0)");
    assertThatThrownBy(() -> new RegistryLimits(1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 1, 0))
        .hasMessage("maxPemBytes: 0 (expected: > 0)");
  }

  @Test
  void inconsistentLimitsAreRejected() {
    assertThatThrownBy(() -> new RegistryLimits(1, 1, 1, 10, 20, 1, 1, 1, 1, 1, 1, 1, 1, 1))
        .hasMessage("defaultRangeLimit: 20 (expected: <= maxRangeLimit 10)");
    assertThatThrownBy(() -> new RegistryLimits(1, 1, 1, 1, 1, 1, 5, 4, 1, 1, 1, 1, 1, 1))
        .hasMessage("maxLeaseTtlMillis: 4 (expected: >= minLeaseTtlMillis 5)");
  }
}
