package dev.synod.bench.cli;

import dev.synod.bench.compare.ComparePlan;
import dev.synod.bench.compare.Mode;
import dev.synod.bench.compare.Scenario;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** Every bar in one invocation and one report: compare (P1-P3), failover (P4), gossip (P5). */
@Command(name = "all", mixinStandardHelpOptions = true,
    description = "P1-P5 in one run and one report: compare, failover and gossip with their default settings.")
final class AllCommand implements Callable<Integer> {
  @Mixin
  RunOptions run;

  @Mixin
  FailoverOptions failover;

  @Mixin
  GossipOptions gossip;

  @Option(names = "--duration", defaultValue = "30s", converter = DurationConverter.class,
      description = "Measured time per compare workload (default: ${DEFAULT-VALUE}).")
  Duration duration;

  @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
      description = "Warm-up per compare workload (default: ${DEFAULT-VALUE}).")
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

  @Override
  public Integer call() throws Exception {
    ComparePlan d = ComparePlan.defaults();
    ComparePlan plan = new ComparePlan(duration, warmup, clusterWarmup, clients, d.connections(), d.keyCount(),
        d.keyBytes(), d.valueBytes(), List.of(Scenario.values()), List.of(Mode.values()), jit.settle());
    var compare = CompareCommand.compare(plan, run);
    var failoverResults = FailoverCommand.failover(failover, run);
    var gossipResults = GossipCommand.gossip(gossip, run);
    run.write(run.report(Optional.of(compare), failoverResults, gossipResults));
    return 0;
  }
}
