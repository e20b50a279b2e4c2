package dev.synod.bench.compare;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * What a side-by-side comparison runs: the same workload shape for both systems. Defaults follow P1's
 * wording (256 clients) and etcd's own benchmark habits (16-byte keys, 256-byte values).
 *
 * @param warmup unmeasured time before each workload
 * @param clusterWarmup unmeasured time on each fresh cluster before the first workload, shared out over every
 *     workload in turn, so that a JVM's just-in-time compiler has seen each path as often as a long-running
 *     server has (etcd gets the same)
 * @param connections connections per node shared by the clients (each system gets the same number)
 * @param jitSettle how much longer a JVM-based system is warmed up, until its compilers are quiet
 */
public record ComparePlan(Duration duration, Duration warmup, Duration clusterWarmup, int clients, int connections,
    int keyCount, int keyBytes, int valueBytes, List<Scenario> scenarios, List<Mode> modes, JitSettle jitSettle) {
  public static final int MAX_CLIENTS = 4096;
  public static final int MAX_CONNECTIONS = 256;
  public static final Duration DEFAULT_CLUSTER_WARMUP = Duration.ofMinutes(2);

  public ComparePlan {
    positive("duration", duration);
    notNegative("warmup", warmup);
    notNegative("clusterWarmup", clusterWarmup);
    range("clients", clients, 1, MAX_CLIENTS);
    range("connections", connections, 1, MAX_CONNECTIONS);
    range("keyCount", keyCount, 1, 10_000_000);
    range("keyBytes", keyBytes, 1, 1024);
    range("valueBytes", valueBytes, 0, 1024 * 1024);
    scenarios = List.copyOf(scenarios);
    modes = List.copyOf(modes);
    Objects.requireNonNull(jitSettle, "jitSettle");
    if (scenarios.isEmpty()) {
      throw new IllegalArgumentException("scenarios: none (expected: at least one)");
    }
    if (modes.isEmpty()) {
      throw new IllegalArgumentException("modes: none (expected: tls, plaintext or both)");
    }
  }

  /** A plan without the JIT settling, for runs that measure nothing (smoke runs, tests of the harness). */
  public ComparePlan(Duration duration, Duration warmup, Duration clusterWarmup, int clients, int connections,
      int keyCount, int keyBytes, int valueBytes, List<Scenario> scenarios, List<Mode> modes) {
    this(duration, warmup, clusterWarmup, clients, connections, keyCount, keyBytes, valueBytes, scenarios, modes,
        JitSettle.NONE);
  }

  /**
   * The full comparison: 2 min of cluster warm-up, then up to 5 min more until the JIT compilers are quiet,
   * then 30 s per workload after 5 s of warm-up, both modes, every scenario.
   */
  public static ComparePlan defaults() {
    return new ComparePlan(Duration.ofSeconds(30), Duration.ofSeconds(5), DEFAULT_CLUSTER_WARMUP, 256, 16, 100_000,
        16, 256, List.of(Scenario.values()), List.of(Mode.values()), JitSettle.DEFAULT);
  }

  /** A smoke run of every scenario in a few seconds: checks the harness, measures nothing. */
  public static ComparePlan smoke() {
    return new ComparePlan(Duration.ofSeconds(2), Duration.ofMillis(500), Duration.ZERO, 16, 4, 1_000, 16, 256,
        List.of(Scenario.values()), List.of(Mode.values()));
  }

  public ComparePlan withModes(List<Mode> newModes) {
    return new ComparePlan(duration, warmup, clusterWarmup, clients, connections, keyCount, keyBytes, valueBytes,
        scenarios, newModes, jitSettle);
  }

  public ComparePlan withScenarios(List<Scenario> newScenarios) {
    return new ComparePlan(duration, warmup, clusterWarmup, clients, connections, keyCount, keyBytes, valueBytes,
        newScenarios, modes, jitSettle);
  }

  public ComparePlan withJitSettle(JitSettle newJitSettle) {
    return new ComparePlan(duration, warmup, clusterWarmup, clients, connections, keyCount, keyBytes, valueBytes,
        scenarios, modes, newJitSettle);
  }

  /** Each workload's share of the cluster warm-up. */
  public Duration clusterWarmupShare() {
    return clusterWarmup.dividedBy(scenarios.size());
  }

  private static void notNegative(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative()) {
      throw new IllegalArgumentException(field + ": " + d + " (expected: >= 0)");
    }
  }

  private static void positive(String field, Duration d) {
    Objects.requireNonNull(d, field);
    if (d.isNegative() || d.isZero()) {
      throw new IllegalArgumentException(field + ": " + d + " (expected: > 0)");
    }
  }

  private static void range(String field, int value, int min, int max) {
    if (value < min || value > max) {
      throw new IllegalArgumentException(field + ": " + value + " (expected: " + min + ".." + max + ")");
    }
  }
}
