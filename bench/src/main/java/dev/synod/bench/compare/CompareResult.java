package dev.synod.bench.compare;

import dev.synod.bench.report.Bar;
import dev.synod.bench.report.BarResult;
import dev.synod.bench.report.Ratio;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * Everything a comparison measured, and the bars P1 to P3 held against it per mode. A bar whose
 * workloads did not both run is left out rather than guessed.
 */
public record CompareResult(ComparePlan plan, List<SystemRun> runs, List<ScenarioResult> results) {
  public static final String SYNOD = "synod";
  public static final String ETCD = "etcd";

  public CompareResult {
    runs = List.copyOf(runs);
    results = List.copyOf(results);
  }

  public Optional<ScenarioResult> find(Mode mode, Scenario scenario, String system) {
    return results.stream()
        .filter(r -> r.mode() == mode && r.scenario() == scenario && r.system().equals(system))
        .findFirst();
  }

  /** The bars of the issue for one mode, each with Synod's value, etcd's and the verdict. */
  public List<BarResult> bars(Mode mode) {
    List<BarResult> out = new ArrayList<>();
    String clients = plan.clients() + " clients";
    add(out, mode, Scenario.WRITES_MANY_CLIENTS, Bar.atLeast("P1", "write throughput, " + clients, 1.5),
        Metric.THROUGHPUT);
    add(out, mode, Scenario.WRITES_MANY_CLIENTS, Bar.atMost("P1", "write p99, " + clients, 1.0), Metric.P99);
    add(out, mode, Scenario.WRITES_ONE_CLIENT, Bar.atMost("P2", "write p50, 1 client", 1.0), Metric.P50);
    add(out, mode, Scenario.LINEARIZABLE_READS, Bar.atLeast("P3", "linearizable read throughput", 1.0),
        Metric.THROUGHPUT);
    add(out, mode, Scenario.STALE_READS,
        Bar.atLeast("P3", "stale read throughput vs etcd serializable", 2.0), Metric.THROUGHPUT);
    return out;
  }

  /**
   * The cost of TLS for one system and workload: plaintext throughput over TLS throughput (1.10 means
   * TLS costs 10% of the throughput). Empty unless both modes ran.
   */
  public Optional<Ratio> tlsCost(String system, Scenario scenario) {
    Optional<ScenarioResult> tls = find(Mode.TLS, scenario, system);
    Optional<ScenarioResult> plain = find(Mode.PLAINTEXT, scenario, system);
    if (tls.isEmpty() || plain.isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(Ratio.of(plain.get().result().throughput(), tls.get().result().throughput()));
  }

  private void add(List<BarResult> out, Mode mode, Scenario scenario, Bar bar, Metric metric) {
    Optional<ScenarioResult> synod = find(mode, scenario, SYNOD);
    Optional<ScenarioResult> etcd = find(mode, scenario, ETCD);
    if (synod.isPresent() && etcd.isPresent()) {
      out.add(bar.evaluate(metric.of(synod.get()), metric.of(etcd.get())));
    }
  }

  private enum Metric {
    THROUGHPUT, P50, P99;

    double of(ScenarioResult r) {
      return switch (this) {
        case THROUGHPUT -> r.result().throughput();
        case P50 -> r.result().latency().p50Micros();
        case P99 -> r.result().latency().p99Micros();
      };
    }
  }
}
