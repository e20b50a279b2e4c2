package dev.synod.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import org.junit.jupiter.api.Test;

class JitSettleTest {
  static final Duration TEN_SECONDS = Duration.ofSeconds(10);

  @Test
  void aRoundIsQuietOnlyWhenEveryMemberCompiledForAtMostTheRate() {
    JitSettle s = new JitSettle(Duration.ofMinutes(1), Duration.ofSeconds(1), 0.05);

    assertThat(s.quiet(Map.of("a", Duration.ofMillis(500), "b", Duration.ofMillis(100)), TEN_SECONDS)).isTrue();
    assertThat(s.quiet(Map.of("a", Duration.ofMillis(501), "b", Duration.ZERO), TEN_SECONDS)).isFalse();
    assertThat(s.quiet(Map.of(), TEN_SECONDS)).as("nothing measured shows nothing").isFalse();
    assertThat(s.quiet(Map.of("a", Duration.ZERO), Duration.ZERO)).isFalse();
  }

  @Test
  void badSettingsNameTheFieldTheValueAndTheLimit() {
    assertThatThrownBy(() -> new JitSettle(Duration.ofSeconds(-1), TEN_SECONDS, 0.05))
        .hasMessage("jitSettleLimit: PT-1S (expected: >= 0)");
    assertThatThrownBy(() -> new JitSettle(TEN_SECONDS, Duration.ZERO, 0.05))
        .hasMessage("jitSettleRound: PT0S (expected: > 0)");
    assertThatThrownBy(() -> new JitSettle(TEN_SECONDS, TEN_SECONDS, Double.NaN))
        .hasMessageStartingWith("jitSettleQuietRate: NaN (expected: > 0 and <= 4.0");
    assertThatThrownBy(() -> new JitSettle(TEN_SECONDS, TEN_SECONDS, 5))
        .hasMessageStartingWith("jitSettleQuietRate: 5.0 (expected: > 0 and <= 4.0");
    assertThat(JitSettle.NONE.enabled()).isFalse();
    assertThat(JitSettle.DEFAULT.enabled()).isTrue();
  }
}
