package dev.synod.client.tls;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import org.junit.jupiter.api.Test;

/** Pins when renewals and retries happen. */
class RenewalScheduleTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");

  @Test
  void renewsTwoThirdsIntoTheLifetime() {
    assertThat(RenewalSchedule.untilRenewal(NOW, NOW.plus(Duration.ofHours(3)), NOW)).isEqualTo(Duration.ofHours(2));
    // notBefore still in the future (the CA's clock runs ahead): counted from notBefore.
    assertThat(RenewalSchedule.untilRenewal(NOW.plusSeconds(30), NOW.plusSeconds(30 + 90), NOW))
        .isEqualTo(Duration.ofSeconds(90));
  }

  @Test
  void aNotBeforeBackDatedForClockSkewDoesNotEatAShortLifetime() {
    // The CA back-dates notBefore by a minute; a 3 s certificate is still renewed after 2 s, not at once.
    Duration delay = RenewalSchedule.untilRenewal(NOW.minus(Duration.ofMinutes(1)), NOW.plusSeconds(3), NOW);
    assertThat(delay).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void anExpiredOrAlmostExpiredCertificateIsRenewedSoonButNotInABusyLoop() {
    assertThat(RenewalSchedule.untilRenewal(NOW.minusSeconds(10), NOW.minusSeconds(1), NOW))
        .isEqualTo(RenewalSchedule.MIN_DELAY);
    assertThat(RenewalSchedule.untilRenewal(NOW, NOW.plusMillis(300), NOW)).isEqualTo(RenewalSchedule.MIN_DELAY);
  }

  @Test
  void retriesBackOffFromOneSecondDoublingToOneMinute() {
    assertThat(RenewalSchedule.retryDelay(1, NOW, null)).isEqualTo(Duration.ofSeconds(1));
    assertThat(RenewalSchedule.retryDelay(2, NOW, null)).isEqualTo(Duration.ofSeconds(2));
    assertThat(RenewalSchedule.retryDelay(6, NOW, null)).isEqualTo(Duration.ofSeconds(32));
    assertThat(RenewalSchedule.retryDelay(7, NOW, null)).isEqualTo(Duration.ofMinutes(1));
    assertThat(RenewalSchedule.retryDelay(500, NOW, null)).isEqualTo(Duration.ofMinutes(1));
  }

  @Test
  void retriesNeverWaitPastTheCurrentCertificatesExpiry() {
    assertThat(RenewalSchedule.retryDelay(7, NOW, NOW.plusSeconds(20))).isEqualTo(Duration.ofSeconds(20));
    assertThat(RenewalSchedule.retryDelay(2, NOW, NOW.plusMillis(500))).isEqualTo(Duration.ofMillis(500));
    // Once expired there is nothing left to protect: plain backoff.
    assertThat(RenewalSchedule.retryDelay(3, NOW, NOW.minusSeconds(1))).isEqualTo(Duration.ofSeconds(4));
  }
}
