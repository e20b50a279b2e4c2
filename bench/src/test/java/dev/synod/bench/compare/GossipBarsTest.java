package dev.synod.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.bench.gossip.DetectionRun;
import dev.synod.bench.gossip.GossipResult;
import dev.synod.bench.report.BarResult;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class GossipBarsTest {
  private static GossipResult result(String system, long quietMillis, long busyMillis, int suspicions) {
    List<DetectionRun> runs = List.of(
        new DetectionRun(system, false, 1, Duration.ofMillis(quietMillis), Duration.ofMillis(quietMillis / 2), true),
        new DetectionRun(system, true, 2, Duration.ofMillis(busyMillis), Duration.ofMillis(busyMillis / 2), true));
    return new GossipResult(system, system + " lan", runs, suspicions, 0, Duration.ofSeconds(30));
  }

  @Test
  void detectionAndFalseAlarmsAreHeldAgainstSerf() {
    List<BarResult> bars = GossipComparison.bars(List.of(result("synod", 4000, 9000, 3), result("serf", 5000, 8000, 0)));

    assertThat(bars).extracting(b -> b.bar().metric()).containsExactly(
        "failure detection, every survivor, median (ms)", "failure detection under CPU contention, median (ms)",
        "false suspicions under CPU contention", "live members reported failed under CPU contention");
    assertThat(bars).extracting(BarResult::met).containsExactly(true, false, false, true);
  }

  @Test
  void withoutBothSystemsThereIsNoBar() {
    assertThat(GossipComparison.bars(List.of(result("synod", 1, 1, 0)))).isEmpty();
  }
}
