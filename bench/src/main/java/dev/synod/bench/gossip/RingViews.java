package dev.synod.bench.gossip;

import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.StringJoiner;

/** Who each member sees, from its own JOINED, FAILED and LEFT reports. */
final class RingViews {
  private RingViews() {}

  /** For each of {@code members}, the others it currently sees (never itself: serf reports its own join). */
  static Map<String, Set<String>> views(List<Observation> observations, List<String> members) {
    Map<String, Set<String>> views = new LinkedHashMap<>();
    members.forEach(m -> views.put(m, new HashSet<>()));
    for (Observation o : observations) {
      Set<String> seen = views.get(o.observer());
      if (seen == null || o.value().equals(o.observer())) {
        continue;
      }
      switch (o.kind()) {
        case JOINED -> seen.add(o.value());
        case FAILED, LEFT -> seen.remove(o.value());
        default -> { }
      }
    }
    return views;
  }

  /** Whether every one of {@code members} sees all the others. */
  static boolean settled(List<Observation> observations, List<String> members) {
    return missing(observations, members).isEmpty();
  }

  /** Who does not see whom, e.g. {@code n3 misses [n5, n6]}; empty once settled. */
  static String missing(List<Observation> observations, List<String> members) {
    StringJoiner text = new StringJoiner("; ");
    views(observations, members).forEach((member, seen) -> {
      List<String> absent = members.stream().filter(m -> !m.equals(member) && !seen.contains(m)).toList();
      if (!absent.isEmpty()) {
        text.add(member + " misses " + absent);
      }
    });
    return text.toString();
  }
}
