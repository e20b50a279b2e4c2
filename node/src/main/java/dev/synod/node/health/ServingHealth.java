package dev.synod.node.health;

import dev.synod.consensus.ConsensusStatus;
import dev.synod.node.state.RaftHandle;
import io.grpc.BindableService;
import io.grpc.health.v1.HealthCheckResponse.ServingStatus;
import io.grpc.protobuf.services.HealthStatusManager;

/**
 * gRPC health: SERVING only while the node knows a leader and has applied what the leader reports committed
 * (within a small lag), so load balancers skip nodes that are electing, replaying their log or catching up.
 */
public final class ServingHealth {
  /** Entries a node may trail the leader's commit index by and still count as caught up. */
  static final long MAX_APPLY_LAG = 256;

  private final RaftHandle raft;
  private final HealthStatusManager manager = new HealthStatusManager();
  private volatile boolean serving;
  private volatile boolean shutdown;

  public ServingHealth(RaftHandle raft) {
    this.raft = raft;
    manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES, ServingStatus.NOT_SERVING);
  }

  public BindableService service() {
    return manager.getHealthService();
  }

  public void refresh() {
    if (shutdown) {
      return;
    }
    boolean now = raft.get().map(n -> isCaughtUp(n.status())).orElse(false);
    if (now != serving) {
      serving = now;
      manager.setStatus(HealthStatusManager.SERVICE_NAME_ALL_SERVICES,
          now ? ServingStatus.SERVING : ServingStatus.NOT_SERVING);
    }
  }

  public boolean serving() {
    return serving;
  }

  public void shutdown() {
    shutdown = true;
    serving = false;
    manager.enterTerminalState();
  }

  /**
   * Knows a leader, and has applied all but {@link #MAX_APPLY_LAG} entries of the leader's commit index as the leader
   * last reported it; a follower back from a partition has a small commit index of its own until it has received
   * the entries it missed.
   */
  static boolean isCaughtUp(ConsensusStatus s) {
    long committed = Math.max(s.commitIndex(), s.leaderCommitIndex());
    return s.leaderId().isPresent() && committed - s.appliedIndex() <= MAX_APPLY_LAG;
  }
}
