package dev.synod.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class FailoverPlanTest {
  private static final Duration S3 = Duration.ofSeconds(3);
  private static final Duration S30 = Duration.ofSeconds(30);
  private static final Duration S2 = Duration.ofSeconds(2);

  @Test
  void defaultsAreTheBriefsScenario() {
    FailoverPlan plan = FailoverPlan.defaults();

    assertThat(plan).isEqualTo(new FailoverPlan(16, 256, 1000, S3, S30, S2));
    assertThat(plan.describe()).isEqualTo("16 closed-loop writers, 256 B values over 1000 keys, warm-up PT3S,"
        + " SIGKILL of the leader, up to PT30S for recovery, deadline PT2S per write (not retried);"
        + " a writer whose write failed waits 10 ms before its next");
  }

  @Test
  void withersChangeOneField() {
    FailoverPlan plan = FailoverPlan.defaults().withWarmup(Duration.ofSeconds(1))
        .withMaxRecovery(Duration.ofSeconds(10)).withRequestDeadline(Duration.ofMillis(500));

    assertThat(plan).isEqualTo(new FailoverPlan(16, 256, 1000, Duration.ofSeconds(1), Duration.ofSeconds(10),
        Duration.ofMillis(500)));
  }

  @Test
  void countsOutOfRangeAreNamedWithTheirLimits() {
    assertThatThrownBy(() -> new FailoverPlan(0, 256, 1000, S3, S30, S2))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("writers: 0 (expected: 1..4096)");
    assertThatThrownBy(() -> new FailoverPlan(4097, 256, 1000, S3, S30, S2))
        .hasMessage("writers: 4097 (expected: 1..4096)");
    assertThatThrownBy(() -> new FailoverPlan(16, -1, 1000, S3, S30, S2))
        .hasMessage("valueBytes: -1 (expected: 0..524288)");
    assertThatThrownBy(() -> new FailoverPlan(16, 256, 0, S3, S30, S2))
        .hasMessage("keyCount: 0 (expected: 1..100000000)");
  }

  @Test
  void durationsOutOfRangeAreNamedWithTheirLimits() {
    assertThatThrownBy(() -> new FailoverPlan(16, 256, 1000, Duration.ofMillis(199), S30, S2))
        .hasMessage("warmup: PT0.199S (expected: PT0.2S..PT1H)");
    assertThatThrownBy(() -> new FailoverPlan(16, 256, 1000, null, S30, S2))
        .hasMessage("warmup: null (expected: PT0.2S..PT1H)");
    assertThatThrownBy(() -> new FailoverPlan(16, 256, 1000, S3, S30, Duration.ofMillis(9)))
        .hasMessage("requestDeadline: PT0.009S (expected: PT0.01S..PT1M)");
    assertThatThrownBy(() -> new FailoverPlan(16, 256, 1000, S3, S30, Duration.ofMinutes(2)))
        .hasMessage("requestDeadline: PT2M (expected: PT0.01S..PT1M)");
  }

  @Test
  void recoveryMustOutlastTheRequestDeadline() {
    assertThatThrownBy(() -> new FailoverPlan(16, 256, 1000, S3, S2, S2))
        .hasMessage("maxRecovery: PT2S (expected: > requestDeadline PT2S and <= PT1H)");
    assertThatThrownBy(() -> new FailoverPlan(16, 256, 1000, S3, Duration.ofHours(2), S2))
        .hasMessage("maxRecovery: PT2H (expected: > requestDeadline PT2S and <= PT1H)");
    assertThatThrownBy(() -> new FailoverPlan(16, 256, 1000, S3, null, S2))
        .hasMessage("maxRecovery: null (expected: > requestDeadline PT2S and <= PT1H)");
  }
}
