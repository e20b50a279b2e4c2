package dev.synod.bench.compare;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.bench.load.LoadRunner;
import dev.synod.bench.report.BarResult;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class ComparisonTest {
  static final ComparePlan TINY = new ComparePlan(Duration.ofMillis(300), Duration.ZERO, Duration.ZERO, 8, 2, 200,
      8, 32, List.of(Scenario.values()), List.of(Mode.values()));

  @Test
  void everySystemRunsEveryScenarioInEveryModeOnAFreshClusterWithKeysWrittenBeforeReads(@TempDir Path dir)
      throws Exception {
    FakeLauncher synod = new FakeLauncher(CompareResult.SYNOD, 100);
    FakeLauncher etcd = new FakeLauncher(CompareResult.ETCD, 400);
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    CompareResult result = new Comparison(TINY, List.of(synod, etcd), dir, LoadRunner.builder().progress(null).build(),
        new PrintStream(log, true, StandardCharsets.UTF_8)).run();

    assertThat(synod.events).containsExactly("start tls synod-tls", "close tls", "start plaintext synod-plaintext",
        "close plaintext");
    assertThat(etcd.events).containsExactly("start tls etcd-tls", "close tls", "start plaintext etcd-plaintext",
        "close plaintext");
    assertThat(result.results()).hasSize(2 * 2 * Scenario.values().length);
    assertThat(result.runs()).extracting(SystemRun::settings)
        .containsExactly("synod in memory, tls", "etcd in memory, tls", "synod in memory, plaintext",
            "etcd in memory, plaintext");
    // The preload wrote every key, so no read missed.
    for (MapKvTarget t : synod.opened) {
      assertThat(t.store).hasSize(200);
      assertThat(t.misses).hasValue(0);
    }
    assertThat(result.results()).allSatisfy(r -> {
      assertThat(r.result().completedOps()).isPositive();
      assertThat(r.result().errorCount()).isZero();
    });
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("writing 200 keys before the read workloads");
  }

  @Test
  void theClusterWarmUpRunsEveryWorkloadUnmeasuredOnEachFreshClusterAfterWritingTheKeys(@TempDir Path dir)
      throws Exception {
    ComparePlan plan = new ComparePlan(TINY.duration(), TINY.warmup(), Duration.ofMillis(400), TINY.clients(),
        TINY.connections(), TINY.keyCount(), TINY.keyBytes(), TINY.valueBytes(), TINY.scenarios(),
        List.of(Mode.TLS));
    FakeLauncher synod = new FakeLauncher(CompareResult.SYNOD, 100);
    FakeLauncher etcd = new FakeLauncher(CompareResult.ETCD, 400);
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    CompareResult result = new Comparison(plan, List.of(synod, etcd), dir, LoadRunner.builder().progress(null).build(),
        new PrintStream(log, true, StandardCharsets.UTF_8)).run();

    int scenarios = Scenario.values().length;
    assertThat(result.results()).hasSize(2 * scenarios); // the warm-up is not measured
    for (FakeLauncher system : List.of(synod, etcd)) {
      // One target per warm-up workload, then one per measured workload; each warm-up workload sent operations.
      assertThat(system.opened).hasSize(2 * scenarios);
      assertThat(system.opened.subList(0, scenarios)).allSatisfy(t -> assertThat(t.operations).hasPositiveValue());
      assertThat(system.opened.get(0).misses).hasValue(0);
    }
    String text = log.toString(StandardCharsets.UTF_8);
    assertThat(text).contains("synod, tls: warming the cluster up for PT0.4S", "etcd, tls: warming the cluster up",
        "warm-up p1-writes:", "warm-up p3-stale-reads:");
    // The keys are written once per cluster, before the warm-up's first read workload.
    assertThat(text.split("writing 200 keys", -1)).hasSize(3);
    assertThat(text.indexOf("writing 200 keys")).isLessThan(text.indexOf("warm-up p3-linearizable-reads:"));
  }

  @Test
  void barsCompareSynodWithEtcdPerModeAndTlsCostNeedsBothModes(@TempDir Path dir) throws Exception {
    FakeLauncher synod = new FakeLauncher(CompareResult.SYNOD, 100);
    FakeLauncher etcd = new FakeLauncher(CompareResult.ETCD, 2_000);
    CompareResult result = new Comparison(TINY.withModes(List.of(Mode.TLS)), List.of(synod, etcd), dir,
        LoadRunner.builder().progress(null).build(), new PrintStream(new ByteArrayOutputStream())).run();

    List<BarResult> bars = result.bars(Mode.TLS);
    assertThat(bars).extracting(b -> b.bar().id()).containsExactly("P1", "P1", "P2", "P3", "P3");
    // The fake Synod answers 20 times sooner, so its single-client p50 is far below etcd's.
    BarResult p2 = bars.get(2);
    assertThat(p2.ratio().synod()).isLessThan(p2.ratio().baseline());
    assertThat(p2.met()).isTrue();
    assertThat(result.bars(Mode.PLAINTEXT)).isEmpty();
    assertThat(result.tlsCost(CompareResult.SYNOD, Scenario.WRITES_MANY_CLIENTS)).isEmpty();
  }

  @Test
  void aJvmSystemIsWarmedUpInRoundsUntilItsCompilersAreQuietAndTheReportSaysSo(@TempDir Path dir) throws Exception {
    JitSettle settle = new JitSettle(Duration.ofMinutes(1), Duration.ofMillis(50), 0.05);
    ComparePlan plan = TINY.withModes(List.of(Mode.TLS)).withJitSettle(settle);
    FakeLauncher synod = new FakeLauncher(CompareResult.SYNOD, 100);
    // Reads: before and after round 1 (1 s compiled in a ~200 ms round: busy), before and after round 2
    // (nothing compiled: quiet), then before and after the measured workloads.
    ScriptedJitMeter meter = new ScriptedJitMeter(List.of(Duration.ZERO, Duration.ofSeconds(1), Duration.ZERO));
    synod.jitMeter = meter;
    FakeLauncher etcd = new FakeLauncher(CompareResult.ETCD, 400);
    ByteArrayOutputStream log = new ByteArrayOutputStream();

    CompareResult result = new Comparison(plan, List.of(synod, etcd), dir, LoadRunner.builder().progress(null).build(),
        new PrintStream(log, true, StandardCharsets.UTF_8)).run();

    int scenarios = Scenario.values().length;
    assertThat(meter.reads).isEqualTo(6);
    assertThat(meter.closed).isTrue();
    assertThat(synod.opened).hasSize(2 * scenarios + scenarios);
    assertThat(etcd.opened).as("no JIT, no extra rounds").hasSize(scenarios);
    assertThat(result.results()).hasSize(2 * scenarios);
    assertThat(result.runs()).extracting(SystemRun::warmup).satisfiesExactly(
        synodRun -> assertThat(synodRun)
            .startsWith("fixed warm-up PT0S; compilers quiet after 2 extra warm-up round(s)")
            .contains("node-1 0.0 %, node-2 0.0 % in the last round (limit 5 %)",
                "compile time per wall second over the measured workloads: node-1 0.0 %"),
        etcdRun -> assertThat(etcdRun).isEqualTo("fixed warm-up PT0S"));
    assertThat(log.toString(StandardCharsets.UTF_8)).contains("JIT settle round 1", "JIT settle round 2")
        .doesNotContain("JIT settle round 3");
  }

  @Test
  void theJitSettlingStopsAtItsLimitAndSaysTheCompilersWereNotQuiet(@TempDir Path dir) throws Exception {
    JitSettle settle = new JitSettle(Duration.ofMillis(300), Duration.ofMillis(50), 0.05);
    FakeLauncher synod = new FakeLauncher(CompareResult.SYNOD, 100);
    ScriptedJitMeter meter = new ScriptedJitMeter(List.of(Duration.ofSeconds(1)));
    synod.jitMeter = meter;

    CompareResult result = new Comparison(TINY.withModes(List.of(Mode.PLAINTEXT)).withJitSettle(settle),
        List.of(synod), dir, LoadRunner.builder().progress(null).build(),
        new PrintStream(new ByteArrayOutputStream())).run();

    assertThat(result.runs()).singleElement().extracting(SystemRun::warmup).asString()
        .contains("compilers NOT quiet after", "(the limit)", "(quiet means <= 5 %)");
    assertThat(result.results()).hasSize(Scenario.values().length);
    assertThat(meter.closed).isTrue();
  }
}
