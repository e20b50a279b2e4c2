package dev.synod.bench.compare;

import dev.synod.bench.load.KeySpace;
import dev.synod.bench.load.KvTarget;
import dev.synod.bench.load.LoadResult;
import dev.synod.bench.load.LoadRunner;
import dev.synod.bench.load.Workload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/**
 * Runs the plan's scenarios against each system, one system after the other on the same machine, in
 * each mode: a fresh cluster per system and mode, the keys written once before the first read
 * workload, the cluster warm-up (every scenario's workload in turn, unmeasured), for a JVM-based system
 * more warm-up rounds until its compilers are quiet ({@link JitSettle}), then every scenario in order.
 * Nothing else runs meanwhile, so the systems never compete for the cores.
 */
public final class Comparison {
  private final ComparePlan plan;
  private final List<SystemLauncher> launchers;
  private final Path workDir;
  private final LoadRunner runner;
  private final PrintStream out;

  public Comparison(ComparePlan plan, List<SystemLauncher> launchers, Path workDir, LoadRunner runner,
      PrintStream out) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.launchers = List.copyOf(launchers);
    this.workDir = Objects.requireNonNull(workDir, "workDir");
    this.runner = Objects.requireNonNull(runner, "runner");
    this.out = Objects.requireNonNull(out, "out");
  }

  public CompareResult run() throws InterruptedException {
    List<SystemRun> runs = new ArrayList<>();
    List<ScenarioResult> results = new ArrayList<>();
    for (Mode mode : plan.modes()) {
      for (SystemLauncher launcher : launchers) {
        out.printf("==> %s, %s: starting a 3-member cluster%n", launcher.name(), mode.label());
        try (RunningSystem system = launcher.start(mode, workDir.resolve(launcher.name() + "-" + mode.label()))) {
          String warmup = runScenarios(launcher.name(), mode, system, results);
          runs.add(new SystemRun(launcher.name(), mode, system.settings(), system.commandLines(), warmup));
        }
      }
    }
    return new CompareResult(plan, runs, results);
  }

  /** Warms the cluster up, runs every scenario, and says how the warm-up went. */
  private String runScenarios(String name, Mode mode, RunningSystem system, List<ScenarioResult> results)
      throws InterruptedException {
    Cluster cluster = new Cluster(name, mode, system);
    StringBuilder warmup = new StringBuilder("fixed warm-up " + plan.clusterWarmup());
    if (!plan.clusterWarmupShare().isZero()) {
      out.printf("==> %s, %s: warming the cluster up for %s (every workload in turn, unmeasured)%n", name,
          mode.label(), plan.clusterWarmup());
      warmUp(cluster, plan.clusterWarmupShare());
    }
    Optional<JitMeter> meter = plan.jitSettle().enabled() ? system.jitMeter() : Optional.empty();
    try {
      if (meter.isPresent()) {
        out.printf("==> %s, %s: warming up until the JIT compilers are quiet (at most %s more)%n", name,
            mode.label(), plan.jitSettle().limit());
        warmup.append("; ").append(new JitSettling(plan.jitSettle(), out).settle(meter.get(),
            () -> warmUp(cluster, plan.jitSettle().round())));
      }
      Map<String, Duration> compiledBefore = meter.map(JitMeter::compileTotals).orElse(Map.of());
      long measuredStart = System.nanoTime();
      measure(cluster, results);
      if (meter.isPresent()) {
        String during = JitSettling.during(meter.get(), compiledBefore,
            Duration.ofNanos(System.nanoTime() - measuredStart));
        out.printf("    JIT compile time per wall second over the measured workloads: %s%n", during);
        warmup.append("; compile time per wall second over the measured workloads: ").append(during);
      }
    } finally {
      meter.ifPresent(JitMeter::close);
    }
    return warmup.toString();
  }

  private void measure(Cluster cluster, List<ScenarioResult> results) throws InterruptedException {
    for (Scenario scenario : plan.scenarios()) {
      Workload workload = scenario.workload(plan);
      out.printf("==> %s, %s, %s: %s%n", cluster.name, cluster.mode.label(), scenario.id(), workload);
      LoadResult result = cluster.run(scenario, workload);
      out.printf("    %s%n", result);
      results.add(new ScenarioResult(cluster.mode, scenario, cluster.name, result));
    }
  }

  /** Every scenario's workload in turn for {@code share} each, unmeasured. */
  private void warmUp(Cluster cluster, Duration share) throws InterruptedException {
    for (Scenario scenario : plan.scenarios()) {
      LoadResult result = cluster.run(scenario, scenario.warmupWorkload(plan, share));
      // Errors do not stop a warm-up, but they are reported: a cluster failing here fails the scenarios too.
      out.printf("    warm-up %s: %s%n", scenario.id(), result);
    }
  }

  /** One fresh cluster: its keys are written once, before the first workload that reads them. */
  private final class Cluster {
    private final String name;
    private final Mode mode;
    private final RunningSystem system;
    private boolean preloaded;

    Cluster(String name, Mode mode, RunningSystem system) {
      this.name = name;
      this.mode = mode;
      this.system = system;
    }

    LoadResult run(Scenario scenario, Workload workload) throws InterruptedException {
      try (KvTarget target = system.open(workload.connections())) {
        if (scenario.needsPreload() && !preloaded) {
          preload(name, mode, target, workload);
          preloaded = true;
        }
        return runner.run(workload, target);
      }
    }
  }

  private void preload(String name, Mode mode, KvTarget target, Workload workload) throws InterruptedException {
    out.printf("==> %s, %s: writing %d keys before the read workloads%n", name, mode.label(), workload.keyCount());
    Preloader.preload(target, KeySpace.of(workload));
  }
}
