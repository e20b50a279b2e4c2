package dev.synod.chaos.nemesis;

import dev.synod.chaos.cluster.DockerCluster;
import dev.synod.client.SynodClient;
import dev.synod.proto.v1.RaftPeer;
import dev.synod.proto.v1.RemovePeerRequest;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/**
 * Membership change through the admin API. Apply: picks a random live voter that is not the leader, removes it
 * from the Raft group with {@code RemovePeer} and then SIGKILLs it, so that gossip cannot bring it straight back.
 * Heal: wipes its data volume and starts it again; as a fresh server it joins through gossip, and autopilot on the
 * leader adds it as a learner and promotes it to voter once it has caught up (after {@code
 * --server-stabilization-time}, 10 s by default). Heal does not wait for that; see {@link #awaitVoter}.
 *
 * <p>Needs a cluster whose {@code --min-quorum} is below its size (the default cluster uses 3 of 5), otherwise
 * the node refuses the removal.
 */
public final class MembershipNemesis implements Nemesis {
  private String removed;
  private String description = "";

  @Override
  public String name() {
    return "membership-remove-add";
  }

  /** The node removed by the active fault, or null. */
  public String removed() {
    return removed;
  }

  @Override
  public void apply(NemesisContext ctx) {
    DockerCluster cluster = ctx.cluster();
    String leader = ctx.requireLeader(Duration.ofSeconds(10));
    try (SynodClient admin = adminClient(cluster, leader)) {
      List<String> voters = new ArrayList<>();
      for (RaftPeer p : admin.raftPeers().getPeersList()) {
        if ("voter".equals(p.getRole()) && !p.getNodeId().equals(leader)
            && cluster.liveNodes().contains(p.getNodeId())) {
          voters.add(p.getNodeId());
        }
      }
      if (voters.isEmpty()) {
        throw new IllegalStateException("no live non-leader voter to remove");
      }
      voters.sort(null);
      String target = voters.get(ctx.random().nextInt(voters.size()));
      var response = admin.removePeer(RemovePeerRequest.newBuilder().setNodeId(target).build());
      removed = target;
      List<String> left = response.getPeersList().stream().map(p -> p.getNodeId() + "(" + p.getRole() + ")").toList();
      cluster.kill(target);
      description = "removed " + target + " from the Raft group (leader " + leader + "), then killed it; peers now "
          + left;
    }
  }

  @Override
  public void heal(NemesisContext ctx) {
    if (removed == null) {
      return;
    }
    DockerCluster cluster = ctx.cluster();
    cluster.wipe(removed);
    cluster.restart(removed);
    description = description + "; healed: " + removed + " wiped and restarted";
    removed = null;
  }

  /**
   * Waits until {@code node} is a voter again in the Raft configuration as the current leader reports it (a
   * freshly wiped node replaying old log entries could report an old configuration); returns the time it took,
   * or throws after {@code timeout} with the last peers seen.
   */
  public static Duration awaitVoter(DockerCluster cluster, String node, Duration timeout) {
    long start = System.nanoTime();
    long deadline = start + timeout.toNanos();
    String last = "";
    while (true) {
      String leader = cluster.leader().orElse(null);
      if (leader != null && !leader.equals(node)) {
        try (SynodClient admin = cluster.clientBuilder(List.of(cluster.apiEndpoint(leader)))
            .deadline(Duration.ofSeconds(5)).maxRetries(0).build()) {
          List<RaftPeer> peers = admin.raftPeers().getPeersList();
          last = leader + " reports " + peers.stream().map(p -> p.getNodeId() + "(" + p.getRole() + ")").toList();
          if (peers.stream().anyMatch(p -> p.getNodeId().equals(node) && "voter".equals(p.getRole()))) {
            return Duration.ofNanos(System.nanoTime() - start);
          }
        } catch (RuntimeException e) {
          last = e.toString();
        }
      }
      if (System.nanoTime() > deadline) {
        throw new IllegalStateException(node + " not a voter within " + timeout + "; last: " + last);
      }
      try {
        Thread.sleep(500);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        throw new IllegalStateException("interrupted", e);
      }
    }
  }

  /** A client over the live nodes, the leader's endpoint first (the admin calls are not retried). */
  private static SynodClient adminClient(DockerCluster cluster, String leader) {
    List<String> endpoints = new ArrayList<>();
    if (leader != null) {
      endpoints.add(cluster.apiEndpoint(leader));
    }
    for (String n : cluster.liveNodes()) {
      if (!n.equals(leader)) {
        endpoints.add(cluster.apiEndpoint(n));
      }
    }
    return cluster.clientBuilder(endpoints.isEmpty() ? cluster.apiEndpoints() : endpoints)
        .deadline(Duration.ofSeconds(10)).maxRetries(3).build();
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean active() {
    return removed != null;
  }
}
