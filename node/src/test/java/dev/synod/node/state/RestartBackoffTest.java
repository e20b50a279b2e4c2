package dev.synod.node.state;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class RestartBackoffTest {
  private static final long SECOND = Duration.ofSeconds(1).toNanos();

  private final RestartBackoff backoff =
      new RestartBackoff(Duration.ofSeconds(1), Duration.ofSeconds(10), Duration.ofMinutes(5));

  @Test
  void delaysDoubleUpToTheMaximum() {
    long t = 0;
    assertThat(backoff.next(t)).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.next(t += SECOND)).isEqualTo(Duration.ofSeconds(2));
    assertThat(backoff.next(t += SECOND)).isEqualTo(Duration.ofSeconds(4));
    assertThat(backoff.next(t += SECOND)).isEqualTo(Duration.ofSeconds(8));
    assertThat(backoff.next(t += SECOND)).isEqualTo(Duration.ofSeconds(10));
    for (int i = 0; i < 100; i++) {
      assertThat(backoff.next(t += SECOND)).isEqualTo(Duration.ofSeconds(10));
    }
  }

  @Test
  void aCalmPeriodMakesTheNextRestartQuickAgain() {
    long t = 0;
    backoff.next(t);
    backoff.next(t += SECOND);
    assertThat(backoff.next(t += SECOND)).isEqualTo(Duration.ofSeconds(4));

    assertThat(backoff.next(t += Duration.ofMinutes(5).toNanos())).isEqualTo(Duration.ofSeconds(1));
    assertThat(backoff.next(t += SECOND)).isEqualTo(Duration.ofSeconds(2));
  }

  @Test
  void rejectsAMaximumBelowTheFirstDelay() {
    assertThatThrownBy(() -> new RestartBackoff(Duration.ofSeconds(2), Duration.ofSeconds(1), Duration.ofMinutes(1)))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("first: PT2S, max: PT1S (expected: 0 < first <= max)");
  }
}
