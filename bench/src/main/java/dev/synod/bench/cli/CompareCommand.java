package dev.synod.bench.cli;

import dev.synod.bench.compare.CompareResult;
import dev.synod.bench.compare.ComparePlan;
import dev.synod.bench.compare.Comparison;
import dev.synod.bench.compare.EtcdLauncher;
import dev.synod.bench.compare.Mode;
import dev.synod.bench.compare.Scenario;
import dev.synod.bench.compare.SynodLauncher;
import dev.synod.bench.etcd.EtcdInstaller;
import dev.synod.bench.load.LoadRunner;
import dev.synod.bench.output.BenchReport;
import dev.synod.bench.report.BarResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Bars P1 to P3: the same workloads against a fresh Synod cluster and a fresh etcd cluster, per mode. */
@Command(name = "compare", mixinStandardHelpOptions = true,
    description = "Runs P1-P3 (writes with many clients, writes with one, linearizable and stale reads) against"
        + " Synod and etcd 3.4 on this machine, with mutual TLS and in plaintext, and writes the report.")
final class CompareCommand implements Callable<Integer> {
  @Mixin
  RunOptions run;

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "Measured time per workload (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
      description = "Warm-up per workload (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--cluster-warmup", defaultValue = "2m", converter = DurationConverter.class,
      description = "Unmeasured load on each fresh cluster before the first workload, shared out over every"
          + " workload in turn, so both systems are measured warm (default: ${DEFAULT-VALUE}; 0s for none).")
  Duration clusterWarmup;

  @Mixin
  JitSettleOptions jit;

  @Option(names = "--clients", defaultValue = "256", description = "Clients of the many-client workloads"
      + " (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--connections", defaultValue = "16", description = "Connections per node (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--keys", defaultValue = "100000", description = "Distinct keys (default: ${DEFAULT-VALUE}).")
  int keys;

  @Option(names = "--key-bytes", defaultValue = "16", description = "Key size (default: ${DEFAULT-VALUE}).")
  int keyBytes;

  @Option(names = "--value-bytes", defaultValue = "256", description = "Value size (default: ${DEFAULT-VALUE}).")
  int valueBytes;

  @Option(names = "--modes", split = ",", defaultValue = "tls,plaintext", converter = ModeConverter.class,
      description = "tls, plaintext or both (default: ${DEFAULT-VALUE}).")
  List<Mode> modes;

  @Option(names = "--scenarios", split = ",", converter = ScenarioConverter.class,
      defaultValue = "p1-writes,p2-writes-1-client,p3-linearizable-reads,p3-stale-reads",
      description = "Which workloads (default: all: ${DEFAULT-VALUE}).")
  List<Scenario> scenarios;

  @Override
  public Integer call() throws Exception {
    ComparePlan plan = new ComparePlan(duration, warmup, clusterWarmup, clients, connections, keys, keyBytes,
        valueBytes, scenarios, modes, jit.settle());
    BenchReport report = run.report(Optional.of(compare(plan, run)), List.of(), List.of());
    run.write(report);
    return 0;
  }

  static CompareResult compare(ComparePlan plan, RunOptions run) throws InterruptedException {
    var etcd = EtcdInstaller.system(System.out).findOrInstall();
    Comparison comparison = new Comparison(plan, List.of(new SynodLauncher(run.distribution()),
        new EtcdLauncher(etcd)), run.workDir(), LoadRunner.builder().progress(System.err).build(), System.out);
    CompareResult result = comparison.run();
    for (Mode mode : plan.modes()) {
      for (BarResult bar : result.bars(mode)) {
        System.out.println(mode.label() + ": " + bar);
      }
    }
    return result;
  }
}
