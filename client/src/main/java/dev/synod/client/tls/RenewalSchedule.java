package dev.synod.client.tls;

import java.time.Duration;
import java.time.Instant;

/** When a {@link CertificateRenewer} acts next: pure arithmetic, so the policy is testable without waiting. */
final class RenewalSchedule {
  static final Duration FIRST_RETRY = Duration.ofSeconds(1);
  static final Duration MAX_RETRY = Duration.ofMinutes(1);
  /** Keeps a certificate that is (nearly) expired on arrival from turning renewals into a busy loop. */
  static final Duration MIN_DELAY = Duration.ofSeconds(1);

  private RenewalSchedule() {}

  /**
   * Two thirds into the certificate's lifetime. The lifetime is counted from notBefore, or from
   * when the certificate arrived if that is later: CAs back-date notBefore to absorb clock skew
   * (Synod's by a minute), and that past minute would otherwise eat most of a short lifetime.
   */
  static Duration untilRenewal(Instant notBefore, Instant notAfter, Instant now) {
    Instant start = notBefore.isAfter(now) ? notBefore : now;
    if (!notAfter.isAfter(start)) {
      return MIN_DELAY;
    }
    Instant renewAt = start.plus(Duration.between(start, notAfter).multipliedBy(2).dividedBy(3));
    return max(Duration.between(now, renewAt), MIN_DELAY);
  }

  /**
   * Delay after the {@code failures}-th failure in a row: 1 s doubling up to 1 min, but not past
   * the current certificate's expiry, so the last attempts before it lapses are not skipped.
   *
   * @param notAfter expiry of the certificate in use, or null if there is none yet
   */
  static Duration retryDelay(int failures, Instant now, Instant notAfter) {
    int doublings = Math.min(Math.max(failures - 1, 0), 6);
    Duration backoff = FIRST_RETRY.multipliedBy(1L << doublings);
    if (backoff.compareTo(MAX_RETRY) > 0) {
      backoff = MAX_RETRY;
    }
    if (notAfter != null && now.isBefore(notAfter)) {
      Duration left = Duration.between(now, notAfter);
      if (left.compareTo(backoff) < 0) {
        return left;
      }
    }
    return backoff;
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
