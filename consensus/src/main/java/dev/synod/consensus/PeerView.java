package dev.synod.consensus;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;

/** Turns Ratis' view of the configuration (and, on the leader, of follower progress) into {@link PeerInfo}s. */
final class PeerView {
  private PeerView() {}

  /** Voters then learners of the division's current configuration, with progress when it leads. */
  static List<PeerInfo> of(RaftServer.Division division) {
    RaftConfiguration conf = division.getRaftConf();
    DivisionInfo info = division.getInfo();
    String leader = Optional.ofNullable(info.getLeaderId()).map(RaftPeerId::toString).orElse(null);
    boolean selfLeads = info.isLeader();
    Map<String, long[]> progress = selfLeads ? followerProgress(info) : Map.of();
    String self = division.getId().toString();
    List<PeerInfo> out = new ArrayList<>();
    for (RaftPeerRole role : new RaftPeerRole[] {RaftPeerRole.FOLLOWER, RaftPeerRole.LISTENER}) {
      for (RaftPeer p : conf.getCurrentPeers(role)) {
        String id = p.getId().toString();
        long match = -1;
        long contact = -1;
        if (selfLeads && id.equals(self)) {
          match = division.getRaftLog().getFlushIndex();
          contact = 0;
        } else if (progress.containsKey(id)) {
          match = progress.get(id)[0];
          contact = progress.get(id)[1];
        }
        out.add(new PeerInfo(id, p.getAddress(), peerRole(role), id.equals(leader), match, contact));
      }
    }
    return List.copyOf(out);
  }

  /** The peers of a committed configuration entry. */
  static List<PeerInfo> of(RaftConfigurationProto conf, Optional<String> leader) {
    List<PeerInfo> out = new ArrayList<>();
    for (RaftPeerProto p : conf.getPeersList()) {
      out.add(toInfo(p, PeerRole.VOTER, leader));
    }
    for (RaftPeerProto p : conf.getListenersList()) {
      out.add(toInfo(p, PeerRole.LEARNER, leader));
    }
    return List.copyOf(out);
  }

  private static PeerInfo toInfo(RaftPeerProto p, PeerRole role, Optional<String> leader) {
    String id = RaftPeerId.valueOf(p.getId()).toString();
    return new PeerInfo(id, p.getAddress(), role, leader.map(id::equals).orElse(false), -1, -1);
  }

  private static PeerRole peerRole(RaftPeerRole role) {
    return role == RaftPeerRole.LISTENER ? PeerRole.LEARNER : PeerRole.VOTER;
  }

  /**
   * id -> {matchIndex, lastContactMillis}. Ratis 3.2.2 reports follower contact times in the role info and match
   * indices as a bare array; both list the leader's log appenders in the same order, so they are paired by
   * position when their sizes agree (a sender added or removed between the two reads leaves match unknown).
   */
  private static Map<String, long[]> followerProgress(DivisionInfo info) {
    RoleInfoProto role = info.getRoleInfoProto();
    if (!role.hasLeaderInfo()) {
      return Map.of();
    }
    List<ServerRpcProto> followers = role.getLeaderInfo().getFollowerInfoList();
    long[] match = info.getFollowerMatchIndices();
    boolean paired = match != null && match.length == followers.size();
    Map<String, long[]> out = new HashMap<>();
    for (int i = 0; i < followers.size(); i++) {
      ServerRpcProto f = followers.get(i);
      String id = RaftPeerId.valueOf(f.getId().getId()).toString();
      out.put(id, new long[] {paired ? match[i] : -1, f.getLastRpcElapsedTimeMs()});
    }
    return out;
  }
}
