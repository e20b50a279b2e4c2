package dev.synod.node.api;

import java.util.Optional;

/** Maps a node id to the API address it advertises in gossip, so responses can point at the leader. */
@FunctionalInterface
public interface LeaderDirectory {
  Optional<String> apiAddressOf(String nodeId);
}
