package dev.synod.node.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class TokenBucketTest {
  private static final long SECOND = 1_000_000_000L;

  @Test
  void allowsABurstThenRefillsAtTheRate() {
    TokenBucket bucket = new TokenBucket(10, 10, 0);
    for (int i = 0; i < 10; i++) {
      assertThat(bucket.tryTake(0)).isZero();
    }
    long wait = bucket.tryTake(0);
    assertThat(wait).isBetween(SECOND / 10 - 2, SECOND / 10 + 2);
    assertThat(bucket.tryTake(SECOND / 10 + 10)).isZero();
    assertThat(bucket.tryTake(SECOND / 10 + 10)).isPositive();
  }

  @Test
  void neverHoldsMoreThanTheBurst() {
    TokenBucket bucket = new TokenBucket(10, 3, 0);
    long later = 100 * SECOND;
    for (int i = 0; i < 3; i++) {
      assertThat(bucket.tryTake(later)).isZero();
    }
    assertThat(bucket.tryTake(later)).isPositive();
  }

  @Test
  void reportsRefusalsAtMostOnceASecond() {
    TokenBucket bucket = new TokenBucket(1, 1, 0);
    bucket.tryTake(0);
    bucket.tryTake(0);
    bucket.tryTake(0);
    assertThat(bucket.refusalsToReport(0)).isEqualTo(2);
    bucket.tryTake(1);
    assertThat(bucket.refusalsToReport(1)).isZero();
    assertThat(bucket.refusalsToReport(SECOND + 1)).isEqualTo(1);
  }

  @Test
  void rejectsNonsenseSettingsNamingThem() {
    assertThatThrownBy(() -> new TokenBucket(0, 1, 0)).hasMessageContaining("ratePerSecond: 0.0 (expected: > 0)");
    assertThatThrownBy(() -> new TokenBucket(1, 0, 0)).hasMessageContaining("burst: 0.0 (expected: >= 1)");
  }
}
