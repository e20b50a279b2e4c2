package dev.synod.chaos.nemesis;

import dev.synod.chaos.cluster.DockerCluster;
import dev.synod.chaos.cluster.ExecResult;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Cuts node-to-node links with iptables inside the containers: for every peer {@code p} a node is cut from, {@code
 * iptables -A INPUT -s <p> -j DROP} and {@code iptables -A OUTPUT -d <p> -j DROP}. Only peers' addresses are
 * dropped, so the test JVM (the network's gateway) still reaches every node. Heal: {@code iptables -F} on every
 * live node (a restarted container starts with no rules anyway).
 */
public final class PartitionNemesis implements Nemesis {
  private static final Logger LOG = LoggerFactory.getLogger(PartitionNemesis.class);

  /** Which partition to make. */
  public enum Kind {
    /** A random node cut from the others ({@link Grudges#isolateOne}). */
    ISOLATE_ONE,
    /** Random halves: a minority and a majority ({@link Grudges#randomHalves}). */
    MAJORITY_MINORITY,
    /** Two halves joined by one node ({@link Grudges#bridge}). */
    BRIDGE,
    /** Every node sees a different majority ({@link Grudges#majoritiesRing}). */
    MAJORITIES_RING,
    /** The current leader cut from the others. */
    ISOLATE_LEADER;

    String label() {
      return name().toLowerCase(Locale.ROOT).replace('_', '-');
    }
  }

  private final Kind kind;
  private Grudge grudge;
  private String description = "";

  public PartitionNemesis(Kind kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  @Override
  public String name() {
    return "partition-" + kind.label();
  }

  public Kind kind() {
    return kind;
  }

  /** The grudge of the active (or last) fault, or null before the first apply. */
  public Grudge grudge() {
    return grudge;
  }

  /** Computes this kind's grudge for the cluster's nodes; ISOLATE_LEADER asks for the leader. */
  public Grudge compute(NemesisContext ctx) {
    List<String> nodes = ctx.cluster().nodes();
    return switch (kind) {
      case ISOLATE_ONE -> Grudges.isolateOne(nodes, ctx.random());
      case MAJORITY_MINORITY -> Grudges.randomHalves(nodes, ctx.random());
      case BRIDGE -> Grudges.bridge(nodes, ctx.random());
      case MAJORITIES_RING -> Grudges.majoritiesRing(nodes, ctx.random());
      case ISOLATE_LEADER -> {
        String leader = ctx.requireLeader(Duration.ofSeconds(10));
        Grudge g = Grudges.isolate(nodes, leader);
        yield new Grudge("isolate leader " + leader, g.drops());
      }
    };
  }

  @Override
  public void apply(NemesisContext ctx) {
    Grudge g = compute(ctx);
    grudge = g;
    description = g.describe();
    try {
      install(ctx.cluster(), g);
    } catch (RuntimeException e) {
      heal(ctx);
      throw e;
    }
  }

  /** Installs {@code g} on every live node that drops someone; returns the nodes skipped as not live. */
  public static List<String> install(DockerCluster cluster, Grudge g) {
    List<String> skipped = new ArrayList<>();
    List<String> live = cluster.liveNodes();
    for (String node : g.affectedNodes()) {
      if (!live.contains(node)) {
        skipped.add(node);
        continue;
      }
      StringBuilder script = new StringBuilder("set -e");
      for (String peer : g.dropsOf(node)) {
        String ip = cluster.ip(peer);
        script.append("; iptables -w -A INPUT -s ").append(ip).append(" -j DROP")
            .append("; iptables -w -A OUTPUT -d ").append(ip).append(" -j DROP");
      }
      cluster.exec(node, "sh", "-c", script.toString()).orThrow("iptables on " + node);
    }
    if (!skipped.isEmpty()) {
      LOG.warn("partition {}: {} not live, no rules installed there", g.label(), skipped);
    }
    return skipped;
  }

  /** Flushes iptables on every live node; returns the nodes where that failed. */
  public static List<String> flush(DockerCluster cluster) {
    List<String> failed = new ArrayList<>();
    for (String node : cluster.liveNodes()) {
      ExecResult r = cluster.exec(node, "iptables", "-w", "-F");
      if (!r.ok()) {
        failed.add(node);
        LOG.warn("iptables -F on {} failed: {}", node, r.output().strip());
      }
    }
    return failed;
  }

  @Override
  public void heal(NemesisContext ctx) {
    if (grudge == null) {
      return;
    }
    List<String> failed = flush(ctx.cluster());
    if (!failed.isEmpty()) {
      throw new IllegalStateException("iptables -F failed on " + failed);
    }
    grudge = null;
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean active() {
    return grudge != null;
  }
}
