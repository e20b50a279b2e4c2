package dev.synod.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.stream.IntStream;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class GrudgesTest {
  private static final List<String> FIVE = List.of("n1", "n2", "n3", "n4", "n5");

  private static List<String> nodes(int n) {
    return IntStream.rangeClosed(1, n).mapToObj(i -> "n" + i).toList();
  }

  private static int majority(int n) {
    return n / 2 + 1;
  }

  @Test
  void majoritiesRingOfFiveGivesEveryNodeExactlyADifferentMajority() {
    for (long seed = 0; seed < 50; seed++) {
      Grudge g = Grudges.majoritiesRing(FIVE, new Random(seed));
      assertThat(g.isSymmetric()).isTrue();
      Set<Set<String>> views = new HashSet<>();
      for (String n : FIVE) {
        Set<String> v = g.visibleFrom(n);
        assertThat(v).hasSize(3).contains(n);
        views.add(v);
      }
      assertThat(views).as("every node sees a different majority").hasSize(5);
      assertThat(largestClique(g)).as("no majority sees itself whole").isLessThan(3);
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {4, 5, 6, 7})
  void majoritiesRingGivesEveryNodeAMajorityButNoMajorityIsConnected(int n) {
    List<String> nodes = nodes(n);
    for (long seed = 0; seed < 20; seed++) {
      Grudge g = Grudges.majoritiesRing(nodes, new Random(seed));
      assertThat(g.isSymmetric()).isTrue();
      assertThat(g.isEmpty()).isFalse();
      for (String node : nodes) {
        assertThat(g.visibleFrom(node).size()).isGreaterThanOrEqualTo(majority(n)).isLessThan(n);
      }
      assertThat(largestClique(g)).isLessThan(majority(n));
    }
  }

  @Test
  void majoritiesRingNeedsFourNodes() {
    assertThatThrownBy(() -> Grudges.majoritiesRing(nodes(3), new Random(1)))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("at least 4");
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 7})
  void bridgeNodeSeesEveryoneAndTheHalvesDoNotSeeEachOther(int n) {
    List<String> nodes = nodes(n);
    for (long seed = 0; seed < 20; seed++) {
      Grudge g = Grudges.bridge(nodes, new Random(seed));
      assertThat(g.isSymmetric()).isTrue();
      List<String> bridges = nodes.stream().filter(x -> g.visibleFrom(x).size() == n).toList();
      assertThat(bridges).hasSize(1);
      String bridge = bridges.get(0);
      List<String> rest = new ArrayList<>(nodes);
      rest.remove(bridge);
      // The others split into two halves that see each other inside but not across.
      String a = rest.get(0);
      Set<String> left = new HashSet<>(g.visibleFrom(a));
      left.remove(bridge);
      Set<String> right = new HashSet<>(rest);
      right.removeAll(left);
      assertThat(right).isNotEmpty();
      for (String l : left) {
        for (String r : right) {
          assertThat(g.canTalk(l, r)).isFalse();
        }
        assertThat(g.visibleFrom(l)).isEqualTo(union(left, Set.of(bridge)));
      }
      for (String r : right) {
        assertThat(g.visibleFrom(r)).isEqualTo(union(right, Set.of(bridge)));
      }
      assertThat(Math.abs(left.size() - right.size())).isLessThanOrEqualTo(1);
      if (n % 2 == 1) {
        assertThat(left.size() + 1).as("each half with the bridge is a majority").isEqualTo(majority(n));
        assertThat(right.size() + 1).isEqualTo(majority(n));
      }
    }
  }

  @ParameterizedTest
  @ValueSource(ints = {3, 4, 5, 6, 7})
  void randomHalvesAreAMinorityAndAMajorityCutApart(int n) {
    List<String> nodes = nodes(n);
    for (long seed = 0; seed < 20; seed++) {
      Grudge g = Grudges.randomHalves(nodes, new Random(seed));
      assertThat(g.isSymmetric()).isTrue();
      Set<Integer> sizes = new HashSet<>();
      for (String node : nodes) {
        Set<String> v = g.visibleFrom(node);
        sizes.add(v.size());
        for (String o : v) {
          assertThat(g.visibleFrom(o)).isEqualTo(v);
        }
      }
      assertThat(sizes).isEqualTo(new HashSet<>(List.of(n / 2, n - n / 2)));
    }
  }

  @Test
  void isolateCutsOneNodeFromAllOthersOnly() {
    Grudge g = Grudges.isolate(FIVE, "n3");
    assertThat(g.dropsOf("n3")).containsExactly("n1", "n2", "n4", "n5");
    for (String n : List.of("n1", "n2", "n4", "n5")) {
      assertThat(g.dropsOf(n)).containsExactly("n3");
      assertThat(g.visibleFrom(n)).containsExactly("n1", "n2", "n4", "n5");
    }
    assertThat(g.affectedNodes()).isEqualTo(FIVE);
    assertThatThrownBy(() -> Grudges.isolate(FIVE, "n9")).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void isolateOnePicksEveryNodeOverSeeds() {
    Set<String> isolated = new HashSet<>();
    for (long seed = 0; seed < 100; seed++) {
      Grudge g = Grudges.isolateOne(FIVE, new Random(seed));
      List<String> alone = FIVE.stream().filter(n -> g.visibleFrom(n).size() == 1).toList();
      assertThat(alone).hasSize(1);
      isolated.add(alone.get(0));
    }
    assertThat(isolated).containsExactlyInAnyOrderElementsOf(FIVE);
  }

  @Test
  void sameSeedGivesSameGrudge() {
    assertThat(Grudges.majoritiesRing(FIVE, new Random(42))).isEqualTo(Grudges.majoritiesRing(FIVE, new Random(42)));
    assertThat(Grudges.bridge(FIVE, new Random(7))).isEqualTo(Grudges.bridge(FIVE, new Random(7)));
    assertThat(Grudges.randomHalves(FIVE, new Random(3))).isEqualTo(Grudges.randomHalves(FIVE, new Random(3)));
  }

  @Test
  void completeGrudgeLetsBridgeMembersTalkToBothComponents() {
    Grudge g = Grudges.complete("t", FIVE, List.of(List.of("n1", "n2", "n3"), List.of("n3", "n4", "n5")));
    assertThat(g.visibleFrom("n3")).containsExactlyElementsOf(FIVE);
    assertThat(g.canTalk("n1", "n4")).isFalse();
    assertThat(g.describe()).startsWith("t: n1 sees [n1, n2, n3]");
  }

  @Test
  void aNodeCannotDropItself() {
    assertThatThrownBy(() -> new Grudge("x", java.util.Map.of("n1", Set.of("n1"))))
        .isInstanceOf(IllegalArgumentException.class);
  }

  private static Set<String> union(Set<String> a, Set<String> b) {
    Set<String> u = new HashSet<>(a);
    u.addAll(b);
    return u;
  }

  /** Size of the largest set of nodes that all see each other (brute force; n <= 7). */
  private static int largestClique(Grudge g) {
    List<String> nodes = new ArrayList<>(g.nodes());
    int best = 0;
    for (int mask = 1; mask < (1 << nodes.size()); mask++) {
      List<String> set = new ArrayList<>();
      for (int i = 0; i < nodes.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          set.add(nodes.get(i));
        }
      }
      boolean clique = true;
      for (int i = 0; i < set.size() && clique; i++) {
        for (int j = i + 1; j < set.size() && clique; j++) {
          clique = g.canTalk(set.get(i), set.get(j));
        }
      }
      if (clique) {
        best = Math.max(best, set.size());
      }
    }
    return best;
  }
}
