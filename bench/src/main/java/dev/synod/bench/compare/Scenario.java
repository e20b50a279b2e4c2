package dev.synod.bench.compare;

import dev.synod.bench.load.Consistency;
import dev.synod.bench.load.Workload;
import java.time.Duration;

/**
 * The workloads of bars P1 to P3, each run the same way against both systems. Stale reads are
 * compared with etcd's serializable reads, its nearest equivalent (served by any member from its
 * own state).
 */
public enum Scenario {
  /** P1: write throughput and p99 with many concurrent clients. */
  WRITES_MANY_CLIENTS("p1-writes", "writes, many clients", false, 0, Consistency.LINEARIZABLE),
  /** P2: latency of one client writing alone. */
  WRITES_ONE_CLIENT("p2-writes-1-client", "writes, 1 client", true, 0, Consistency.LINEARIZABLE),
  /** P3: linearizable reads. */
  LINEARIZABLE_READS("p3-linearizable-reads", "linearizable reads, many clients", false, 1,
      Consistency.LINEARIZABLE),
  /** P3: stale reads (etcd: serializable). */
  STALE_READS("p3-stale-reads", "stale reads (etcd: serializable), many clients", false, 1,
      Consistency.SERIALIZABLE);

  private final String id;
  private final String description;
  private final boolean singleClient;
  private final double readFraction;
  private final Consistency consistency;

  Scenario(String id, String description, boolean singleClient, double readFraction, Consistency consistency) {
    this.id = id;
    this.description = description;
    this.singleClient = singleClient;
    this.readFraction = readFraction;
    this.consistency = consistency;
  }

  public String id() {
    return id;
  }

  public String description() {
    return description;
  }

  /** Whether the keys must exist first, so that reads find values of the workload's size. */
  public boolean needsPreload() {
    return readFraction > 0;
  }

  public Workload workload(ComparePlan plan) {
    return shape(plan).duration(plan.duration()).warmup(plan.warmup()).build();
  }

  /** The same workload, unmeasured, for {@code share} of a warm-up. */
  public Workload warmupWorkload(ComparePlan plan, Duration share) {
    return shape(plan).duration(share).warmup(Duration.ZERO).build();
  }

  private Workload.Builder shape(ComparePlan plan) {
    int clients = singleClient ? 1 : plan.clients();
    return Workload.builder()
        .clients(clients)
        .connections(Math.min(clients, plan.connections()))
        .keyCount(plan.keyCount())
        .keyBytes(plan.keyBytes())
        .valueBytes(plan.valueBytes())
        .readFraction(readFraction)
        .readConsistency(consistency);
  }

  /** Parses an id such as {@code p1-writes}; the error lists the ids. */
  public static Scenario parse(String text) {
    StringBuilder ids = new StringBuilder();
    for (Scenario s : values()) {
      if (s.id.equals(text)) {
        return s;
      }
      ids.append(ids.length() == 0 ? "" : ", ").append(s.id);
    }
    throw new IllegalArgumentException("scenario: '" + text + "' (expected one of: " + ids + ")");
  }
}
