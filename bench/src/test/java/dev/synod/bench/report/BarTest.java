package dev.synod.bench.report;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.within;

import org.junit.jupiter.api.Test;

class BarTest {
  private static final Bar P1_THROUGHPUT = Bar.atLeast("P1", "write throughput", 1.5);
  private static final Bar P1_P99 = Bar.atMost("P1", "write p99", 1.0);

  @Test
  void higherIsBetterIsMetFromTheTargetUp() {
    assertThat(P1_THROUGHPUT.evaluate(30_000, 20_000).met()).isTrue();
    assertThat(P1_THROUGHPUT.evaluate(32_400, 20_000).met()).isTrue();
    assertThat(P1_THROUGHPUT.evaluate(29_800, 20_000).met()).isFalse();
  }

  @Test
  void lowerIsBetterIsMetFromTheTargetDown() {
    assertThat(P1_P99.evaluate(10, 10).met()).isTrue();
    assertThat(P1_P99.evaluate(9, 10).met()).isTrue();
    assertThat(P1_P99.evaluate(12, 10).met()).isFalse();
    assertThat(Bar.atMost("P2", "single-client p50", 0.5).evaluate(6, 10).met()).isFalse();
  }

  @Test
  void theMarginIsRelativeToTheTargetAndPositiveWhenBetter() {
    BarResult ahead = P1_THROUGHPUT.evaluate(32_400, 20_000);
    assertThat(ahead.ratio().value()).isCloseTo(1.62, within(1e-12));
    assertThat(ahead.margin()).isCloseTo(0.08, within(1e-12));
    assertThat(ahead.toString()).isEqualTo("P1 write throughput ≥ 1.50×: 1.62× met (+8.0%)");

    BarResult behind = P1_P99.evaluate(12, 10);
    assertThat(behind.margin()).isCloseTo(-0.2, within(1e-12));
    assertThat(behind.toString()).isEqualTo("P1 write p99 ≤ 1.00×: 1.20× missed (-20.0%)");

    BarResult faster = P1_P99.evaluate(9, 10);
    assertThat(faster.margin()).isCloseTo(0.1, within(1e-12));
  }

  @Test
  void aZeroBaselineIsDecidedWithoutDividing() {
    Bar noMoreSuspicions = Bar.atMost("P5", "false suspicions", 1.0);
    BarResult bothZero = noMoreSuspicions.evaluate(0, 0);
    assertThat(bothZero.met()).isTrue();
    assertThat(bothZero.toString()).isEqualTo("P5 false suspicions ≤ 1.00×: n/a met");
    assertThat(noMoreSuspicions.evaluate(1, 0).met()).isFalse();
    assertThat(noMoreSuspicions.evaluate(1, 0).toString()).isEqualTo("P5 false suspicions ≤ 1.00×: ∞× missed");
    assertThat(P1_THROUGHPUT.evaluate(1, 0).met()).isTrue();
  }

  @Test
  void theCostOfTlsIsARatioAgainstPlaintext() {
    Ratio tlsCost = Ratio.of(18_000, 20_000);
    assertThat(tlsCost.toString()).isEqualTo("0.90×");
    assertThat(Bar.atLeast("TLS", "throughput with TLS", 0.8).evaluate(tlsCost).met()).isTrue();
  }

  @Test
  void aBarNeedsAnIdAMetricAndAPositiveTarget() {
    assertThatThrownBy(() -> Bar.atLeast("P1", "throughput", 0)).hasMessage("target: 0.0 (expected: finite and > 0)");
    assertThatThrownBy(() -> Bar.atMost(" ", "p99", 1)).hasMessage("id: ' ' (expected: non-blank)");
    assertThatThrownBy(() -> Bar.atMost("P1", null, 1)).hasMessage("metric: 'null' (expected: non-blank)");
    assertThat(P1_P99.direction()).isEqualTo(Bar.Direction.LOWER_IS_BETTER);
  }
}
