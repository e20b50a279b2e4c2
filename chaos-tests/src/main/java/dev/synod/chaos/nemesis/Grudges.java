package dev.synod.chaos.nemesis;

import java.util.ArrayList;
import java.util.Collection;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.TreeSet;

/**
 * Pure computation of partitions (after Jepsen's {@code complete-grudge}, {@code split-one}, {@code bisect},
 * {@code bridge} and {@code majorities-ring}). Every result is symmetric. The random only chooses which nodes play
 * which part; the same seed and node list give the same grudge.
 */
public final class Grudges {
  private Grudges() {}

  /**
   * Two nodes can talk iff some component holds both. A node in two components (a bridge) talks to both; a node
   * of {@code nodes} in no component talks to nobody.
   */
  public static Grudge complete(String label, List<String> nodes, List<? extends Collection<String>> components) {
    Map<String, Set<String>> drops = new LinkedHashMap<>();
    for (String a : nodes) {
      Set<String> cut = new TreeSet<>();
      for (String b : nodes) {
        if (!a.equals(b) && components.stream().noneMatch(c -> c.contains(a) && c.contains(b))) {
          cut.add(b);
        }
      }
      drops.put(a, cut);
    }
    return new Grudge(label, drops);
  }

  /** {@code node} cut from every other node; the others still see each other. */
  public static Grudge isolate(List<String> nodes, String node) {
    requireMember(nodes, node);
    List<String> rest = new ArrayList<>(nodes);
    rest.remove(node);
    return complete("isolate " + node, nodes, List.of(List.of(node), rest));
  }

  /** A random node cut from the others. */
  public static Grudge isolateOne(List<String> nodes, Random random) {
    requireAtLeast(nodes, 2);
    return isolate(nodes, nodes.get(random.nextInt(nodes.size())));
  }

  /** Random halves: a minority of ⌊n/2⌋ nodes and a majority of the rest, cut from each other. */
  public static Grudge randomHalves(List<String> nodes, Random random) {
    requireAtLeast(nodes, 2);
    List<String> s = shuffled(nodes, random);
    int minority = s.size() / 2;
    List<String> small = sorted(s.subList(0, minority));
    List<String> big = sorted(s.subList(minority, s.size()));
    return complete("minority " + small + " | majority " + big, nodes, List.of(small, big));
  }

  /**
   * Two halves that cannot see each other, and one bridge node that sees both. With an odd count each half plus
   * the bridge is a majority (for 5 nodes: 2 + bridge + 2).
   */
  public static Grudge bridge(List<String> nodes, Random random) {
    requireAtLeast(nodes, 3);
    List<String> s = shuffled(nodes, random);
    int left = (s.size() - 1) / 2;
    String bridge = s.get(left);
    List<String> l = new ArrayList<>(s.subList(0, left));
    List<String> r = new ArrayList<>(s.subList(left + 1, s.size()));
    l.add(bridge);
    r.add(bridge);
    return complete("bridge " + bridge + " between " + sorted(s.subList(0, left)) + " and "
        + sorted(s.subList(left + 1, s.size())), nodes, List.of(l, r));
  }

  /**
   * Majorities ring: the nodes in a random ring; two nodes talk iff they are at most k apart on the ring, with the
   * smallest k that lets every node see a majority (itself included). For 4 and 5 nodes every node sees exactly a
   * majority (5: itself and its two neighbours); for 6 and 7 it sees 5 nodes. Every node sees a different set,
   * and no majority of nodes all see each other, so no node can be sure of a majority it could lead alone.
   * Needs at least 4 nodes (with 3 the ring cuts nothing).
   */
  public static Grudge majoritiesRing(List<String> nodes, Random random) {
    requireAtLeast(nodes, 4);
    List<String> ring = shuffled(nodes, random);
    int n = ring.size();
    int majority = n / 2 + 1;
    int k = majority / 2; // 2k + 1 >= majority
    Map<String, Set<String>> drops = new LinkedHashMap<>();
    for (int i = 0; i < n; i++) {
      Set<String> cut = new TreeSet<>();
      for (int j = 0; j < n; j++) {
        int d = Math.abs(i - j);
        if (Math.min(d, n - d) > k) {
          cut.add(ring.get(j));
        }
      }
      drops.put(ring.get(i), cut);
    }
    Map<String, Set<String>> ordered = new LinkedHashMap<>();
    for (String node : nodes) {
      ordered.put(node, drops.get(node));
    }
    return new Grudge("majorities-ring " + ring, ordered);
  }

  private static List<String> shuffled(List<String> nodes, Random random) {
    List<String> s = new ArrayList<>(nodes);
    Collections.shuffle(s, random);
    return s;
  }

  private static List<String> sorted(List<String> nodes) {
    List<String> s = new ArrayList<>(nodes);
    Collections.sort(s);
    return s;
  }

  private static void requireAtLeast(List<String> nodes, int n) {
    if (nodes.size() < n || new TreeSet<>(nodes).size() != nodes.size()) {
      throw new IllegalArgumentException("nodes: " + nodes + " (expected: at least " + n + " distinct nodes)");
    }
  }

  private static void requireMember(List<String> nodes, String node) {
    if (!nodes.contains(node)) {
      throw new IllegalArgumentException("node: " + node + " (expected one of " + nodes + ")");
    }
  }
}
