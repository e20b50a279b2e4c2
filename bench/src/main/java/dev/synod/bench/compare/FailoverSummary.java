package dev.synod.bench.compare;

import dev.synod.bench.failover.FailoverResult;
import dev.synod.bench.report.Bar;
import dev.synod.bench.report.BarResult;
import java.time.Duration;
import java.util.List;
import java.util.Optional;

/**
 * P4 over several runs: the median time from the kill to the first acknowledged write per system. A run
 * that never recovered counts as the plan's whole recovery window, so it can only make a median worse.
 */
public final class FailoverSummary {
  private FailoverSummary() {}

  public static Optional<Duration> medianFirstAck(List<FailoverResult> results, String system) {
    List<Duration> times = results.stream().filter(r -> r.system().equals(system))
        .map(r -> r.killToFirstAck().orElse(r.plan().maxRecovery())).sorted().toList();
    if (times.isEmpty()) {
      return Optional.empty();
    }
    int n = times.size();
    return Optional.of(n % 2 == 1 ? times.get(n / 2) : times.get(n / 2 - 1).plus(times.get(n / 2)).dividedBy(2));
  }

  public static Optional<BarResult> bar(List<FailoverResult> results) {
    Optional<Duration> synod = medianFirstAck(results, CompareResult.SYNOD);
    Optional<Duration> etcd = medianFirstAck(results, CompareResult.ETCD);
    if (synod.isEmpty() || etcd.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Bar.atMost("P4", "failover: kill to first acknowledged write, median", 1.0)
        .evaluate(synod.get().toNanos() / 1e6, etcd.get().toNanos() / 1e6));
  }
}
