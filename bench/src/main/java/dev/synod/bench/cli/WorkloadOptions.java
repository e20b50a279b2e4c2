package dev.synod.bench.cli;

import dev.synod.bench.load.Consistency;
import dev.synod.bench.load.Workload;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The shape of one workload, for `synod-bench load`. */
final class WorkloadOptions {
  @Option(names = "--clients", defaultValue = "16", description = "Concurrent clients (default: ${DEFAULT-VALUE}).")
  int clients;

  @Option(names = "--connections", defaultValue = "4",
      description = "Connections per node shared by the clients (default: ${DEFAULT-VALUE}).")
  int connections;

  @Option(names = "--keys", defaultValue = "10000", description = "Distinct keys (default: ${DEFAULT-VALUE}).")
  int keys;

  @Option(names = "--key-bytes", defaultValue = "16", description = "Key size (default: ${DEFAULT-VALUE}).")
  int keyBytes;

  @Option(names = "--value-bytes", defaultValue = "256", description = "Value size (default: ${DEFAULT-VALUE}).")
  int valueBytes;

  @Option(names = "--read-fraction", defaultValue = "0",
      description = "Share of reads, 0 to 1 (default: ${DEFAULT-VALUE}).")
  double readFraction;

  @Option(names = "--stale", description = "Stale reads (etcd: serializable) instead of linearizable ones.")
  boolean stale;

  @Option(names = "--duration", converter = DurationConverter.class,
      description = "Measured time, e.g. 30s (default: 30s unless --ops is given).")
  Duration duration;

  @Option(names = "--ops", description = "Measured operations instead of a duration.")
  Long ops;

  @Option(names = "--warmup", defaultValue = "5s", converter = DurationConverter.class,
      description = "Unmeasured warm-up (default: ${DEFAULT-VALUE}).")
  Duration warmup;

  @Option(names = "--rate", description = "Open loop at this many operations per second in total"
      + " (default: closed loop).")
  Double rate;

  /** @throws IllegalArgumentException naming the bad setting, its value and the limit */
  Workload workload() {
    Workload.Builder b = Workload.builder().clients(clients).connections(connections).keyCount(keys)
        .keyBytes(keyBytes).valueBytes(valueBytes).readFraction(readFraction)
        .readConsistency(stale ? Consistency.SERIALIZABLE : Consistency.LINEARIZABLE).warmup(warmup);
    if (ops != null) {
      b.opCount(ops);
    }
    if (duration != null || ops == null) {
      b.duration(duration != null ? duration : Duration.ofSeconds(30));
    }
    if (rate != null) {
      b.openLoop(rate);
    }
    return b.build();
  }
}
