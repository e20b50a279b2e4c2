package dev.synod.chaos.run;

import dev.synod.chaos.workload.Workload;
import java.time.Duration;

/**
 * One chaos run: which workload, how hard, for how long, and the seed that makes its op streams and
 * fault schedule reproducible.
 *
 * @param clients concurrent client workers, each with its own connection
 * @param opsPerSecond total target rate across workers
 * @param recovery how long the healed cluster gets to become healthy before the final reads
 * @param checkBudget time the linearizability checker may spend before answering "unknown"
 */
public record ChaosSpec(String name, long seed, Workload workload, Duration duration, int clients, double opsPerSecond,
    Duration recovery, Duration checkBudget) {
  public ChaosSpec {
    if (clients < 1) {
      throw new IllegalArgumentException("clients: " + clients + " (expected: >= 1)");
    }
    if (!(opsPerSecond > 0)) {
      throw new IllegalArgumentException("opsPerSecond: " + opsPerSecond + " (expected: > 0)");
    }
    if (duration.isNegative() || duration.isZero()) {
      throw new IllegalArgumentException("duration: " + duration + " (expected: > 0)");
    }
  }
}
