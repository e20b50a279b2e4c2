package dev.synod.consensus;

import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftConfiguration;

/** What this member's Ratis division currently believes: who leads which term, and who votes. */
final class GroupView {
  private GroupView() {}

  /**
   * The leader of this member's current term, if it knows one. The term is read on both sides of the leader id:
   * Ratis clears the leader whenever the term moves, so an id read between two equal terms belongs to that term.
   */
  static Optional<Leadership> leadership(RaftServer.Division d) {
    if (d == null) {
      return Optional.empty();
    }
    DivisionInfo info = d.getInfo();
    long term = info.getCurrentTerm();
    RaftPeerId leader = info.getLeaderId();
    if (leader == null || !info.isAlive() || info.getCurrentTerm() != term) {
      return Optional.empty();
    }
    return Optional.of(new Leadership(term, leader.toString()));
  }

  /**
   * This member's commit index while it leads and has applied the first entry of its term (so the index covers
   * every entry an earlier leader committed), else {@link ReadPoint#UNKNOWN}.
   */
  static long leaderReadIndex(RaftServer.Division d) {
    if (d == null || !d.getInfo().isLeaderReady()) {
      return ReadPoint.UNKNOWN;
    }
    return d.getRaftLog().getLastCommittedIndex();
  }

  /** The voters of the configuration: one set, or the new and the old set while a change is in progress. */
  static List<Set<String>> voterSets(RaftServer.Division d) {
    RaftConfiguration conf = d.getRaftConf();
    Set<String> current = ids(conf.getCurrentPeers(RaftPeerRole.FOLLOWER));
    Set<String> previous = ids(conf.getPreviousPeers(RaftPeerRole.FOLLOWER));
    return previous.isEmpty() ? List.of(current) : List.of(current, previous);
  }

  private static Set<String> ids(Collection<RaftPeer> peers) {
    return peers.stream().map(p -> p.getId().toString()).collect(Collectors.toUnmodifiableSet());
  }
}
