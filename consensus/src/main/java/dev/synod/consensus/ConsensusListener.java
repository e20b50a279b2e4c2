package dev.synod.consensus;

import java.util.List;
import java.util.Optional;

/**
 * Observes consensus events. Callbacks run one at a time, in order, on a single thread owned by the node;
 * they must not block. {@link #onApplied} may skip indexes when applies outpace the listener (it always reports
 * the newest applied index).
 */
public interface ConsensusListener {

  default void onLeaderChanged(Optional<String> leaderId, long term) {}

  default void onApplied(long index) {}

  /** A new configuration was committed. */
  default void onConfigurationChanged(List<PeerInfo> peers) {}
}
