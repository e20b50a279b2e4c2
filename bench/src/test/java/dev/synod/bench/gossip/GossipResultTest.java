package dev.synod.bench.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GossipResultTest {
  private static DetectionRun run(boolean loaded, long allMillis, boolean detected) {
    return new DetectionRun("serf", loaded, 1, Duration.ofMillis(allMillis), Duration.ofMillis(allMillis / 2), detected);
  }

  private static GossipResult result(DetectionRun... runs) {
    return new GossipResult("serf", "profile=lan", List.of(runs), 0, 0, Duration.ofSeconds(30));
  }

  @Test
  void theMedianOfAnOddCountIsTheMiddleRunOfThatCondition() {
    GossipResult r = result(run(false, 5000, true), run(false, 4000, true), run(false, 9000, true),
        run(true, 1, true));
    assertThat(r.medianDetection(false)).isEqualTo(Duration.ofMillis(5000));
    assertThat(r.medianDetection(true)).isEqualTo(Duration.ofMillis(1));
  }

  @Test
  void theMedianOfAnEvenCountIsTheMeanOfTheMiddleTwo() {
    GossipResult r = result(run(true, 4000, true), run(true, 6001, true), run(true, 1000, true),
        run(true, 9000, true));
    assertThat(r.medianDetection(true)).isEqualTo(Duration.ofNanos(5_000_500_000L));
  }

  @Test
  void anUndetectedRunCountsWithItsWaitAndIsCounted() {
    GossipResult r = result(run(false, 4000, true), run(false, 60_000, false), run(false, 5000, true));
    assertThat(r.medianDetection(false)).isEqualTo(Duration.ofMillis(5000));
    assertThat(r.undetectedRuns(false)).isEqualTo(1);
    assertThat(r.undetectedRuns(true)).isZero();
  }

  @Test
  void aConditionWithoutRunsHasNoMedian() {
    assertThatThrownBy(() -> result(run(false, 4000, true)).medianDetection(true))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("serf: no run under contention (expected: at least one)");
  }
}
