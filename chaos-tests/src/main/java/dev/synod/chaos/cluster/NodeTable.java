package dev.synod.chaos.cluster;

import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;

/** The nodes n1..nN of a cluster and their addresses on the subnet; looks nodes up by id. */
final class NodeTable {
  private final Map<String, NodeSlot> slots = new LinkedHashMap<>();

  /** {@code prefix} is the subnet's first three octets with a trailing dot; node nK gets {@code prefix(10+K)}. */
  NodeTable(ClusterSpec spec, String prefix) {
    for (int i = 1; i <= spec.nodes(); i++) {
      String id = "n" + i;
      slots.put(id, new NodeSlot(id, prefix + (10 + i), spec.name() + "-" + id, spec.name() + "-" + id + "-data"));
    }
  }

  List<String> ids() {
    return List.copyOf(slots.keySet());
  }

  Collection<NodeSlot> all() {
    return slots.values();
  }

  int size() {
    return slots.size();
  }

  boolean contains(String node) {
    return slots.containsKey(node);
  }

  /** The node's slot, started or not. */
  NodeSlot info(String node) {
    NodeSlot n = slots.get(Objects.requireNonNull(node, "node"));
    if (n == null) {
      throw new IllegalArgumentException("node: " + node + " (expected one of " + slots.keySet() + ")");
    }
    return n;
  }

  /** The node's slot, which must have a container. */
  NodeSlot slot(String node) {
    NodeSlot n = info(node);
    if (n.containerId == null) {
      throw new IllegalStateException("cluster not started");
    }
    return n;
  }

  /** {@code ip:port} of every node, in node order. */
  List<String> addresses(int port) {
    return slots.values().stream().map(n -> n.ip + ":" + port).toList();
  }

  Optional<String> nodeAt(String ip) {
    return slots.values().stream().filter(n -> n.ip.equals(ip)).map(n -> n.id).findFirst();
  }
}
