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
  /** Gossip tag of a node that formed the first group: that group's peers as id=host:port,... */
  public static final String TAG_FORMED_WITH = "formed-with";

  public static Map<String, String> tags(int bootstrapExpect, boolean formed) {
    return Map.of(TAG_EXPECT, Integer.toString(bootstrapExpect), TAG_RAFT, formed ? RAFT_FORMED : RAFT_PENDING);
  }

  /** Tags of a node that formed the first group with these peers. */
  public static Map<String, String> formedTags(int bootstrapExpect, List<PeerAddress> formedWith) {
    String peers = String.join(",", formedWith.stream().map(p -> p.id() + "=" + p.address()).toList());
    return Map.of(TAG_EXPECT, Integer.toString(bootstrapExpect), TAG_RAFT, RAFT_FORMED, TAG_FORMED_WITH, peers);
  }

  /** Plans for the local node given every member gossip currently shows (including the local one). */
  public static BootstrapPlan plan(String localId, int bootstrapExpect, Collection<MemberInfo> members) {
    // A peer that already formed the first group with this node in it: form with exactly that group, so
    // a slower node never strands a faster one that acted first.
    for (MemberInfo m : members) {
      List<PeerAddress> formedWith = parseFormedWith(m.tags().get(TAG_FORMED_WITH));
      if (formedWith.stream().anyMatch(p -> p.id().equals(localId))) {
        return new BootstrapPlan(Decision.FORM, formedWith, "joining the first Raft group " + ids(formedWith)
            + " that " + m.nodeId() + " formed");
      }
    }
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

  static List<PeerAddress> parseFormedWith(String tag) {
    if (tag == null || tag.isBlank()) {
      return List.of();
    }
    return java.util.Arrays.stream(tag.split(",")).map(e -> e.split("=", 2)).filter(kv -> kv.length == 2)
        .map(kv -> new PeerAddress(kv[0], kv[1])).sorted(Comparator.comparing(PeerAddress::id)).toList();
  }

  private static List<String> ids(List<PeerAddress> peers) {
    return peers.stream().map(PeerAddress::id).toList();
  }
}
