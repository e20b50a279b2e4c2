package dev.synod.node.api;

import dev.synod.consensus.PeerInfo;
import dev.synod.consensus.PeerRole;
import dev.synod.consensus.RaftNode;
import io.grpc.Status;
import java.util.Comparator;

/** Picks where leadership goes when the operator or a shutdown does not name a target. */
public final class LeadershipTarget {
  private LeadershipTarget() {}

  /** The most caught-up voter other than this node. */
  public static String best(RaftNode node) {
    return node.peers().stream()
        .filter(p -> p.role() == PeerRole.VOTER && !p.id().equals(node.nodeId()))
        .max(Comparator.comparingLong(PeerInfo::matchIndex))
        .map(PeerInfo::id)
        .orElseThrow(() -> Status.FAILED_PRECONDITION
            .withDescription("transfer-leader: no other voter to hand leadership to").asRuntimeException());
  }
}
