package dev.synod.bench.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class GossipPlanTest {
  private static final Duration MINUTE = Duration.ofMinutes(1);

  @Test
  void theDefaultsAreEightMembersFiveRunsAndAThirtySecondWindowWithSecurityOn() {
    assertThat(GossipPlan.defaults()).isEqualTo(
        new GossipPlan(8, 5, Duration.ofMinutes(2), MINUTE, Duration.ofSeconds(30), true));
  }

  @Test
  void membersAreThreeToThirtyTwo() {
    assertThatThrownBy(() -> new GossipPlan(2, 5, MINUTE, MINUTE, Duration.ZERO, true))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("members: 2 (expected: 3..32)");
    assertThatThrownBy(() -> GossipPlan.defaults().withMembers(33)).hasMessage("members: 33 (expected: 3..32)");
    assertThat(GossipPlan.defaults().withMembers(3).members()).isEqualTo(3);
    assertThat(GossipPlan.defaults().withMembers(32).members()).isEqualTo(32);
  }

  @Test
  void runsAreOneToAHundred() {
    assertThatThrownBy(() -> GossipPlan.defaults().withRuns(0)).hasMessage("runs: 0 (expected: 1..100)");
    assertThatThrownBy(() -> GossipPlan.defaults().withRuns(101)).hasMessage("runs: 101 (expected: 1..100)");
  }

  @Test
  void waitsArePositiveAndAtMostTenMinutes() {
    assertThatThrownBy(() -> new GossipPlan(8, 5, Duration.ZERO, MINUTE, Duration.ZERO, true))
        .hasMessage("settle: PT0S (expected: > 0s and <= PT10M)");
    assertThatThrownBy(() -> new GossipPlan(8, 5, MINUTE, Duration.ofMinutes(11), Duration.ZERO, true))
        .hasMessage("maxDetection: PT11M (expected: > 0s and <= PT10M)");
  }

  @Test
  void theContentionWindowMayBeZeroButNotNegativeOrOverAnHour() {
    assertThat(GossipPlan.defaults().withContentionWindow(Duration.ZERO).contentionWindow()).isZero();
    assertThatThrownBy(() -> GossipPlan.defaults().withContentionWindow(Duration.ofSeconds(-1)))
        .hasMessage("contentionWindow: PT-1S (expected: 0s..PT1H, 0s = none)");
    assertThatThrownBy(() -> GossipPlan.defaults().withContentionWindow(Duration.ofMinutes(61)))
        .hasMessage("contentionWindow: PT1H1M (expected: 0s..PT1H, 0s = none)");
  }

  @Test
  void everyBadFieldIsReportedAtOnce() {
    assertThatThrownBy(() -> new GossipPlan(1, 0, MINUTE, MINUTE, Duration.ZERO, false))
        .hasMessage("members: 1 (expected: 3..32); runs: 0 (expected: 1..100)");
  }
}
