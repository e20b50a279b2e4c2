package dev.synod.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.bench.failover.FailoverPlan;
import dev.synod.bench.failover.FailoverResult;
import dev.synod.bench.report.BarResult;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import org.junit.jupiter.api.Test;

class FailoverSummaryTest {
  private static final FailoverPlan PLAN = FailoverPlan.defaults();

  private static FailoverResult run(String system, Long firstAckMillis) {
    Optional<Duration> ack = Optional.ofNullable(firstAckMillis).map(Duration::ofMillis);
    return new FailoverResult(system, PLAN, 0, OptionalInt.of(1), ack, ack, 100, 0, Map.of());
  }

  @Test
  void medianPerSystemCountsARunThatNeverRecoveredAsTheWholeWindow() {
    List<FailoverResult> runs = List.of(run("synod", 900L), run("etcd", 1200L), run("synod", null),
        run("etcd", 1000L), run("synod", 1100L), run("etcd", 1400L));
    assertThat(FailoverSummary.medianFirstAck(runs, "synod")).contains(Duration.ofMillis(1100));
    assertThat(FailoverSummary.medianFirstAck(runs, "etcd")).contains(Duration.ofMillis(1200));
    BarResult bar = FailoverSummary.bar(runs).orElseThrow();
    assertThat(bar.met()).isTrue();
    assertThat(bar.ratio().synod()).isEqualTo(1100.0);
  }

  @Test
  void evenCountsAverageTheMiddleTwoAndAMissingSystemGivesNoBar() {
    List<FailoverResult> runs = List.of(run("synod", 1000L), run("synod", 3000L));
    assertThat(FailoverSummary.medianFirstAck(runs, "synod")).contains(Duration.ofMillis(2000));
    assertThat(FailoverSummary.bar(runs)).isEmpty();
  }
}
