package dev.synod.bench.cli;

import dev.synod.bench.failover.FailoverPlan;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The P4 scenario's knobs. */
final class FailoverOptions {
  @Option(names = "--failover-runs", defaultValue = "5",
      description = "Failover runs per system (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--failover-writers", defaultValue = "16",
      description = "Concurrent writers during failover (default: ${DEFAULT-VALUE}).")
  int writers;

  @Option(names = "--failover-warmup", defaultValue = "3s", converter = DurationConverter.class,
      description = "Steady load before the kill (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--failover-deadline", defaultValue = "2s", converter = DurationConverter.class,
      description = "Deadline of each write, so a write stuck on the dead leader fails (default: ${DEFAULT-VALUE}).")
  Duration deadline;

  @Option(names = "--failover-max-recovery", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long to wait for writes to recover (default: ${DEFAULT-VALUE}).")
  Duration maxRecovery;

  FailoverPlan plan() {
    FailoverPlan d = FailoverPlan.defaults();
    return new FailoverPlan(writers, d.valueBytes(), d.keyCount(), warmup, maxRecovery, deadline);
  }
}
