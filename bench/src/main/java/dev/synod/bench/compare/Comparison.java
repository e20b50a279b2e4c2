package dev.synod.bench.compare;

import dev.synod.bench.load.KeySpace;
import dev.synod.bench.load.KvTarget;
import dev.synod.bench.load.LoadResult;
import dev.synod.bench.load.LoadRunner;
import dev.synod.bench.load.Workload;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * Runs the plan's scenarios against each system, one system after the other on the same machine, in
 * each mode: a fresh cluster per system and mode, the keys written once before the first read
 * workload, the cluster warm-up (every scenario's workload in turn, unmeasured), then every scenario in
 * order. Nothing else runs meanwhile, so the systems never compete for the cores.
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
          runs.add(new SystemRun(launcher.name(), mode, system.settings(), system.commandLines()));
          runScenarios(launcher.name(), mode, system, results);
        }
      }
    }
    return new CompareResult(plan, runs, results);
  }

  private void runScenarios(String name, Mode mode, RunningSystem system, List<ScenarioResult> results)
      throws InterruptedException {
    Cluster cluster = new Cluster(name, mode, system);
    if (!plan.clusterWarmupShare().isZero()) {
      out.printf("==> %s, %s: warming the cluster up for %s (every workload in turn, unmeasured)%n", name,
          mode.label(), plan.clusterWarmup());
      for (Scenario scenario : plan.scenarios()) {
        LoadResult result = cluster.run(scenario, scenario.warmupWorkload(plan));
        // Errors do not stop a warm-up, but they are reported: a cluster failing here fails the scenarios too.
        out.printf("    warm-up %s: %s%n", scenario.id(), result);
      }
    }
    for (Scenario scenario : plan.scenarios()) {
      Workload workload = scenario.workload(plan);
      out.printf("==> %s, %s, %s: %s%n", name, mode.label(), scenario.id(), workload);
      LoadResult result = cluster.run(scenario, workload);
      out.printf("    %s%n", result);
      results.add(new ScenarioResult(mode, scenario, name, result));
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
