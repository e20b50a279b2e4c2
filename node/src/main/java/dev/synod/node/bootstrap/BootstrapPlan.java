package dev.synod.node.bootstrap;

import dev.synod.consensus.PeerAddress;
import dev.synod.membership.MemberInfo;
import java.util.Collection;
import java.util.Comparator;
import java.util.List;
import java.util.Map;

/**
 * Decides, from what gossip shows, whether this node forms the first Raft group, waits, or joins an
 * existing group. Pure: every node that sees the same members reaches the same decision.
 */
public record BootstrapPlan(Decision decision, List<PeerAddress> peers, String reason) {
  /** What the node does next. */
  public enum Decision { WAIT, FORM, JOIN }

  /** Gossip tag: the advertised bootstrap-expect value. */
  public static final String TAG_EXPECT = "bootstrap-expect";
  /** Gossip tag: "formed" once the node runs a Raft server that belongs to a group, else "pending". */
  public static final String TAG_RAFT = "raft";
  public static final String RAFT_FORMED = "formed";
  public static final String RAFT_PENDING = "pending";

  public static Map<String, String> tags(int bootstrapExpect, boolean formed) {
    return Map.of(TAG_EXPECT, Integer.toString(bootstrapExpect), TAG_RAFT, formed ? RAFT_FORMED : RAFT_PENDING);
  }

  /** Plans for the local node given every member gossip currently shows (including the local one). */
  public static BootstrapPlan plan(String localId, int bootstrapExpect, Collection<MemberInfo> members) {
    if (members.stream().anyMatch(m -> RAFT_FORMED.equals(m.tags().get(TAG_RAFT)))) {
      return new BootstrapPlan(Decision.JOIN, List.of(), "a Raft group already exists; waiting to be added by its leader");
    }
    if (bootstrapExpect <= 0) {
      return new BootstrapPlan(Decision.JOIN, List.of(), "bootstrap-expect is 0; waiting to be added by a leader");
    }
    List<MemberInfo> disagreeing = members.stream()
        .filter(m -> !Integer.toString(bootstrapExpect).equals(m.tags().get(TAG_EXPECT))).toList();
    if (!disagreeing.isEmpty()) {
      return new BootstrapPlan(Decision.WAIT, List.of(), "bootstrap-expect mismatch: this node expects "
          + bootstrapExpect + " but " + disagreeing.stream().map(m -> m.nodeId() + "=" + m.tags().get(TAG_EXPECT)).toList()
          + "; every bootstrapping node must use the same value");
    }
    if (members.size() < bootstrapExpect) {
      return new BootstrapPlan(Decision.WAIT, List.of(), "waiting for " + bootstrapExpect + " servers, gossip shows "
          + members.size() + " " + members.stream().map(MemberInfo::nodeId).sorted().toList());
    }
    List<PeerAddress> chosen = members.stream()
        .sorted(Comparator.comparing(MemberInfo::nodeId))
        .limit(bootstrapExpect)
        .map(m -> new PeerAddress(m.nodeId(), m.raftAddress()))
        .toList();
    boolean included = chosen.stream().anyMatch(p -> p.id().equals(localId));
    return included
        ? new BootstrapPlan(Decision.FORM, chosen, "forming the first Raft group with " + ids(chosen))
        : new BootstrapPlan(Decision.JOIN, List.of(), "the first group is " + ids(chosen) + "; waiting to be added");
  }

  private static List<String> ids(List<PeerAddress> peers) {
    return peers.stream().map(PeerAddress::id).toList();
  }
}
