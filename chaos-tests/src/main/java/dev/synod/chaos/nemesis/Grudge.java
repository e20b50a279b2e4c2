package dev.synod.chaos.nemesis;

import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeMap;
import java.util.TreeSet;
import java.util.stream.Collectors;

/**
 * A network partition as a grudge: for every node, the nodes it must not exchange packets with. Grudges made by
 * {@link Grudges} are symmetric (if a drops b, b drops a), and a node never drops itself.
 *
 * @param label short description of how it was built, e.g. {@code majorities-ring}
 * @param drops node → the nodes it is cut from; every node of the cluster is a key
 */
public record Grudge(String label, Map<String, Set<String>> drops) {

  public Grudge {
    Objects.requireNonNull(label, "label");
    Map<String, Set<String>> copy = new TreeMap<>();
    drops.forEach((node, cut) -> {
      if (cut.contains(node)) {
        throw new IllegalArgumentException("grudge: " + node + " cannot drop itself");
      }
      copy.put(node, Collections.unmodifiableSet(new TreeSet<>(cut)));
    });
    drops = Collections.unmodifiableMap(copy);
  }

  /** Every node of the grudge. */
  public Set<String> nodes() {
    return drops.keySet();
  }

  /** The nodes {@code node} is cut from. */
  public Set<String> dropsOf(String node) {
    return drops.getOrDefault(node, Set.of());
  }

  /** Whether a and b can exchange packets (neither drops the other). */
  public boolean canTalk(String a, String b) {
    return !dropsOf(a).contains(b) && !dropsOf(b).contains(a);
  }

  /** The nodes {@code node} can talk to, itself included. */
  public Set<String> visibleFrom(String node) {
    return nodes().stream().filter(o -> canTalk(node, o)).collect(Collectors.toCollection(TreeSet::new));
  }

  public boolean isSymmetric() {
    return drops.entrySet().stream().allMatch(e -> e.getValue().stream().allMatch(o -> dropsOf(o).contains(e.getKey())));
  }

  /** True when no link is cut. */
  public boolean isEmpty() {
    return drops.values().stream().allMatch(Set::isEmpty);
  }

  /** Nodes that drop someone, in order. */
  public List<String> affectedNodes() {
    return drops.entrySet().stream().filter(e -> !e.getValue().isEmpty()).map(Map.Entry::getKey).toList();
  }

  /** E.g. {@code bridge: n1 sees [n1, n2, n3]; n2 sees ...}. */
  public String describe() {
    return label + ": " + nodes().stream().map(n -> n + " sees " + visibleFrom(n)).collect(Collectors.joining("; "));
  }

  @Override
  public String toString() {
    return describe();
  }
}
