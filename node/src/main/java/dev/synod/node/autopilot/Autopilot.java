package dev.synod.node.autopilot;

import dev.synod.consensus.ConsensusStatus;
import dev.synod.consensus.PeerAddress;
import dev.synod.consensus.PeerInfo;
import dev.synod.consensus.PeerRole;
import dev.synod.consensus.RaftNode;
import dev.synod.consensus.RaftRole;
import dev.synod.membership.Member;
import dev.synod.membership.MemberStatus;
import dev.synod.membership.Membership;
import dev.synod.node.state.RaftHandle;
import dev.synod.proto.v1.AutopilotServer;
import dev.synod.proto.v1.AutopilotStateResponse;
import io.grpc.Status;
import java.time.Clock;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.function.Function;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader duty that lets gossip drive Raft membership: newcomers join as learners and are promoted once
 * caught up for the stabilization time; dead servers are removed, never below the minimum quorum.
 * One configuration change at a time.
 */
public final class Autopilot {
  private static final Logger log = LoggerFactory.getLogger(Autopilot.class);

  private final AutopilotSettings settings;
  private final Membership membership;
  private final RaftHandle raft;
  private final Clock clock;
  private final Map<String, Long> caughtUpSince = new HashMap<>();
  private final Map<String, Long> deadSince = new HashMap<>();
  private volatile CompletableFuture<Void> inFlight = CompletableFuture.completedFuture(null);
  private volatile AutopilotStateResponse lastState = AutopilotStateResponse.getDefaultInstance();

  public Autopilot(AutopilotSettings settings, Membership membership, RaftHandle raft, Clock clock) {
    this.settings = settings;
    this.membership = membership;
    this.raft = raft;
    this.clock = clock;
  }

  /** Runs one round; called periodically on the leader-duty thread. */
  public synchronized void tick() {
    Optional<RaftNode> maybe = raft.get();
    if (maybe.isEmpty() || maybe.get().status().role() != RaftRole.LEADER) {
      caughtUpSince.clear();
      deadSince.clear();
      return;
    }
    RaftNode node = maybe.get();
    ConsensusStatus status = node.status();
    List<PeerInfo> peers = node.peers();
    Map<String, Member> alive = membership.members().stream()
        .filter(m -> m.status() == MemberStatus.ALIVE || m.status() == MemberStatus.SUSPECT)
        .collect(Collectors.toMap(m -> m.info().nodeId(), Function.identity(), (a, b) -> a));
    long now = clock.millis();
    track(node, status, peers, alive, now);
    lastState = describe(peers, alive, status, now);
    if (!inFlight.isDone()) {
      return;
    }
    nextChange(node, peers, alive, now).ifPresent(change -> inFlight = change.exceptionally(t -> {
      log.warn("autopilot: configuration change failed: {}", t.toString());
      return null;
    }));
  }

  /** Refuses a removal that would leave fewer voters than the minimum quorum. */
  public void checkRemovalAllowed(String id, List<PeerInfo> peers) {
    Optional<PeerInfo> peer = peers.stream().filter(p -> p.id().equals(id)).findFirst();
    if (peer.isEmpty()) {
      throw Status.NOT_FOUND.withDescription("node_id: '" + id + "' is not a Raft peer (peers: "
          + peers.stream().map(PeerInfo::id).toList() + ")").asRuntimeException();
    }
    long voters = peers.stream().filter(p -> p.role() == PeerRole.VOTER).count();
    if (peer.get().role() == PeerRole.VOTER && voters - 1 < settings.minQuorum()) {
      throw Status.FAILED_PRECONDITION.withDescription("node_id: removing '" + id + "' would leave " + (voters - 1)
          + " voters (expected: >= min-quorum " + settings.minQuorum() + ")").asRuntimeException();
    }
  }

  public AutopilotStateResponse state() {
    return lastState;
  }

  private void track(RaftNode node, ConsensusStatus status, List<PeerInfo> peers, Map<String, Member> alive, long now) {
    for (PeerInfo p : peers) {
      boolean self = p.id().equals(node.nodeId());
      boolean responsive = p.lastContactMillis() >= 0 && p.lastContactMillis() < settings.responsiveWithin().toMillis();
      boolean caughtUp = self
          || (responsive && p.matchIndex() >= 0 && status.commitIndex() - p.matchIndex() <= settings.catchUpGap());
      if (caughtUp && alive.containsKey(p.id())) {
        caughtUpSince.putIfAbsent(p.id(), now);
      } else {
        caughtUpSince.remove(p.id());
      }
      // Dead only when both gossip and Raft agree: a leader that just restarted may not know everyone yet.
      boolean raftSilent = p.lastContactMillis() < 0 || p.lastContactMillis() >= settings.stabilizationTime().toMillis();
      if (!self && !alive.containsKey(p.id()) && raftSilent) {
        deadSince.putIfAbsent(p.id(), now);
      } else {
        deadSince.remove(p.id());
      }
    }
    caughtUpSince.keySet().retainAll(peers.stream().map(PeerInfo::id).toList());
    deadSince.keySet().retainAll(peers.stream().map(PeerInfo::id).toList());
  }

  private Optional<CompletableFuture<Void>> nextChange(RaftNode node, List<PeerInfo> peers, Map<String, Member> alive,
      long now) {
    long stable = settings.stabilizationTime().toMillis();
    long voters = peers.stream().filter(p -> p.role() == PeerRole.VOTER).count();
    for (PeerInfo p : peers) {
      Long since = deadSince.get(p.id());
      if (since == null || now - since < stable) {
        continue;
      }
      if (p.role() == PeerRole.LEARNER) {
        log.info("autopilot: removing dead learner {}", p.id());
        return Optional.of(node.removePeer(p.id()));
      }
      if (settings.cleanupDeadServers() && voters - 1 >= settings.minQuorum()) {
        log.info("autopilot: removing dead voter {} (voters {} -> {}, min-quorum {})", p.id(), voters, voters - 1,
            settings.minQuorum());
        return Optional.of(node.removePeer(p.id()));
      }
    }
    for (PeerInfo p : peers) {
      Long since = caughtUpSince.get(p.id());
      if (p.role() == PeerRole.LEARNER && since != null && now - since >= stable) {
        log.info("autopilot: promoting learner {} to voter", p.id());
        return Optional.of(node.promote(p.id()));
      }
    }
    for (Member m : alive.values()) {
      String id = m.info().nodeId();
      if (m.status() == MemberStatus.ALIVE && peers.stream().noneMatch(p -> p.id().equals(id))) {
        log.info("autopilot: adding {} at {} as a learner", id, m.info().raftAddress());
        return Optional.of(node.addLearner(new PeerAddress(id, m.info().raftAddress())));
      }
    }
    return Optional.empty();
  }

  private AutopilotStateResponse describe(List<PeerInfo> peers, Map<String, Member> alive, ConsensusStatus status,
      long now) {
    AutopilotStateResponse.Builder out = AutopilotStateResponse.newBuilder();
    int healthyVoters = 0;
    int voters = 0;
    for (PeerInfo p : peers) {
      boolean healthy = caughtUpSince.containsKey(p.id());
      if (p.role() == PeerRole.VOTER) {
        voters++;
        healthyVoters += healthy ? 1 : 0;
      }
      Member m = alive.get(p.id());
      out.addServers(AutopilotServer.newBuilder().setNodeId(p.id())
          .setRaftRole(p.role() == PeerRole.VOTER ? "voter" : "learner").setHealthy(healthy)
          .setMatchIndex(p.matchIndex()).setGossipStatus(m == null ? "dead" : m.status().name().toLowerCase())
          .setStableSinceMillis(healthy ? now - caughtUpSince.get(p.id()) : 0));
    }
    int quorum = voters / 2 + 1;
    return out.setHealthy(healthyVoters >= quorum).setFailureTolerance(Math.max(0, healthyVoters - quorum)).build();
  }
}
