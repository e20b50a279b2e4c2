package dev.synod.consensus;

import java.util.List;
import java.util.Optional;

/**
 * Observes consensus events. Callbacks run one at a time, in order, on a single thread owned by the node;
 * they must not block. Listeners that follow applied entries implement {@link AppliedListener}.
 */
public interface ConsensusListener {

  default void onLeaderChanged(Optional<String> leaderId, long term) {}

  /** A new configuration was committed. */
  default void onConfigurationChanged(List<PeerInfo> peers) {}

  /**
   * This node's Ratis server can no longer serve the group on its own: Ratis stopped it (most often because the node
   * was removed from the configuration; Ratis never keeps a removed server running), or keeps it initializing after
   * it was recovered outside the group and added back. A new {@link RaftNode} started over the same storage directory
   * recovers it; the leader can then add it back. Reported at most once per RaftNode.
   */
  default void onRestartNeeded(String reason) {}
}
