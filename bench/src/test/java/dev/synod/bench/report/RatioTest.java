package dev.synod.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RatioTest {
  @Test
  void aRatioIsSynodOverTheBaseline() {
    Ratio r = Ratio.of(30_000, 20_000);
    assertThat(r.value()).isEqualTo(1.5);
    assertThat(r.toString()).isEqualTo("1.50×");
    assertThat(Ratio.of(1, 3).toString()).isEqualTo("0.33×");
  }

  @Test
  void aZeroBaselineGivesInfinityOrNothing() {
    assertThat(Ratio.of(5, 0).value()).isInfinite();
    assertThat(Ratio.of(5, 0).toString()).isEqualTo("∞×");
    assertThat(Ratio.of(0, 0).value()).isNaN();
    assertThat(Ratio.of(0, 0).toString()).isEqualTo("n/a");
    assertThat(Ratio.of(0, 4).value()).isZero();
  }

  @Test
  void negativeOrNonFiniteMeasurementsAreRejected() {
    assertThatThrownBy(() -> Ratio.of(-1, 1)).hasMessage("synod: -1.0 (expected: finite and >= 0)");
    assertThatThrownBy(() -> Ratio.of(1, Double.NaN)).hasMessage("baseline: NaN (expected: finite and >= 0)");
    assertThatThrownBy(() -> Ratio.of(Double.POSITIVE_INFINITY, 1))
        .hasMessage("synod: Infinity (expected: finite and >= 0)");
  }
}
