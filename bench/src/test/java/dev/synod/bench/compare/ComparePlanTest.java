package dev.synod.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class ComparePlanTest {
  @Test
  void defaultsFollowTheIssue() {
    ComparePlan p = ComparePlan.defaults();
    assertThat(p.clients()).isEqualTo(256);
    assertThat(p.modes()).containsExactly(Mode.TLS, Mode.PLAINTEXT);
    assertThat(p.scenarios()).containsExactly(Scenario.values());
    assertThat(Scenario.WRITES_ONE_CLIENT.workload(p).clients()).isEqualTo(1);
    assertThat(Scenario.WRITES_ONE_CLIENT.workload(p).connections()).isEqualTo(1);
    assertThat(Scenario.STALE_READS.workload(p).readFraction()).isEqualTo(1.0);
    // Each workload gets an equal, unmeasured share of the 2 min cluster warm-up.
    assertThat(p.clusterWarmup()).isEqualTo(Duration.ofMinutes(2));
    assertThat(Scenario.STALE_READS.warmupWorkload(p, p.clusterWarmupShare()).duration())
        .contains(Duration.ofSeconds(30));
    assertThat(Scenario.STALE_READS.warmupWorkload(p, p.clusterWarmupShare()).warmup()).isZero();
    // Then Synod alone is warmed up further until its compilers are quiet, for at most 5 min.
    assertThat(p.jitSettle()).isEqualTo(new JitSettle(Duration.ofMinutes(5), Duration.ofSeconds(10), 0.05));
    assertThat(ComparePlan.smoke().jitSettle().enabled()).isFalse();
  }

  @Test
  void badSettingsNameTheFieldTheValueAndTheLimit() {
    ComparePlan d = ComparePlan.defaults();
    assertThatThrownBy(() -> new ComparePlan(Duration.ZERO, d.warmup(), d.clusterWarmup(), 256, 16, 10, 16, 256,
        d.scenarios(), d.modes())).hasMessage("duration: PT0S (expected: > 0)");
    assertThatThrownBy(() -> new ComparePlan(d.duration(), d.warmup(), d.clusterWarmup(), 5000, 16, 10, 16, 256,
        d.scenarios(), d.modes())).hasMessage("clients: 5000 (expected: 1..4096)");
    assertThatThrownBy(() -> new ComparePlan(d.duration(), Duration.ofSeconds(-1), Duration.ZERO, 1, 1, 10, 16, 256,
        d.scenarios(), d.modes())).hasMessage("warmup: PT-1S (expected: >= 0)");
    assertThatThrownBy(() -> new ComparePlan(d.duration(), d.warmup(), Duration.ofSeconds(-2), 1, 1, 10, 16, 256,
        d.scenarios(), d.modes())).hasMessage("clusterWarmup: PT-2S (expected: >= 0)");
    assertThatThrownBy(() -> d.withModes(List.of())).hasMessage("modes: none (expected: tls, plaintext or both)");
    assertThatThrownBy(() -> Mode.parse("ssl")).hasMessage("mode: 'ssl' (expected: tls or plaintext)");
    assertThatThrownBy(() -> Scenario.parse("p9")).hasMessage("scenario: 'p9' (expected one of: p1-writes,"
        + " p2-writes-1-client, p3-linearizable-reads, p3-stale-reads)");
  }
}
