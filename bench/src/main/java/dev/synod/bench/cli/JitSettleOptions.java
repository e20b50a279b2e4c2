package dev.synod.bench.cli;

import dev.synod.bench.compare.JitSettle;
import java.time.Duration;
import picocli.CommandLine.Option;

/** How long a JVM-based system is warmed up beyond the fixed cluster warm-up, until its compilers are quiet. */
final class JitSettleOptions {
  // The defaults below spell out JitSettle.DEFAULT for the help text; BenchMainTest holds them equal.
  @Option(names = "--jit-settle-limit", defaultValue = "5m", converter = DurationConverter.class,
      description = "After the cluster warm-up, keep warming Synod up in rounds of every workload until no agent"
          + " compiles for more than --jit-quiet-rate of a round, for at most this long (default:"
          + " ${DEFAULT-VALUE}; 0s for none). etcd has no JIT and never waits.")
  Duration limit;

  @Option(names = "--jit-settle-round", defaultValue = "10s", converter = DurationConverter.class,
      description = "Each workload's share of one such round (default: ${DEFAULT-VALUE}).")
  Duration round;

  @Option(names = "--jit-quiet-rate", defaultValue = "5", paramLabel = "PERCENT",
      description = "Compile time per wall second, in percent, at or under which a round is quiet (default:"
          + " ${DEFAULT-VALUE}).")
  double quietPercent;

  JitSettle settle() {
    return new JitSettle(limit, round, quietPercent / 100);
  }
}
