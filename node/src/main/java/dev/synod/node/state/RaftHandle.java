package dev.synod.node.state;

import dev.synod.consensus.RaftNode;
import io.grpc.Status;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicReference;

/**
 * The node's Raft server, which starts only once bootstrap has decided how: until then every call that
 * needs it fails UNAVAILABLE with the bootstrap's reason. It may be replaced later by an in-process restart, so
 * callers look it up for every use and never keep it.
 */
public final class RaftHandle {
  private final AtomicReference<RaftNode> node = new AtomicReference<>();
  private volatile String pendingReason = "starting";

  public Optional<RaftNode> get() {
    return Optional.ofNullable(node.get());
  }

  /** The started Raft node, or an UNAVAILABLE status exception naming why there is none yet. */
  public RaftNode require() {
    RaftNode n = node.get();
    if (n == null) {
      throw Status.UNAVAILABLE.withDescription("raft: not started yet (" + pendingReason + ")").asRuntimeException();
    }
    return n;
  }

  public void set(RaftNode raftNode) {
    if (!node.compareAndSet(null, raftNode)) {
      throw new IllegalStateException("raft node already set");
    }
  }

  /** Swaps in the node that replaced {@code stale} (an in-process restart); every later call sees {@code fresh}. */
  public void replace(RaftNode stale, RaftNode fresh) {
    if (!node.compareAndSet(stale, fresh)) {
      throw new IllegalStateException("raft node " + stale + " is not the current one");
    }
  }

  public void pending(String reason) {
    this.pendingReason = reason;
  }

  public String pendingReason() {
    return pendingReason;
  }
}
