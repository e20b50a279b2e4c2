package dev.synod.node.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.consensus.PeerAddress;
import dev.synod.membership.MemberInfo;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.Random;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;
import org.junit.jupiter.api.Test;

class BootstrapPlanTest {
  private static MemberInfo member(String id, int expect, boolean formed) {
    return new MemberInfo(id, "prod", "127.0.0.1:7400", "127.0.0.1:" + (7000 + id.hashCode() % 100 + 100),
        "127.0.0.1:7402", "dev", BootstrapPlan.tags(expect, formed));
  }

  @Test
  void waitsUntilExpectedServersAreVisible() {
    BootstrapPlan plan = BootstrapPlan.plan("a", 3, List.of(member("a", 3, false), member("b", 3, false)));
    assertThat(plan.decision()).isEqualTo(BootstrapPlan.Decision.WAIT);
    assertThat(plan.reason()).contains("waiting for 3 servers").contains("shows 2");
  }

  @Test
  void formsWithTheLowestIdsWhenEnoughAreVisible() {
    List<MemberInfo> members = List.of(member("c", 3, false), member("a", 3, false), member("b", 3, false));
    BootstrapPlan plan = BootstrapPlan.plan("b", 3, members);
    assertThat(plan.decision()).isEqualTo(BootstrapPlan.Decision.FORM);
    assertThat(plan.peers()).extracting(PeerAddress::id).containsExactly("a", "b", "c");
  }

  @Test
  void nodeOutsideTheFirstGroupJoinsLater() {
    List<MemberInfo> members = List.of(member("a", 3, false), member("b", 3, false), member("c", 3, false),
        member("d", 3, false));
    assertThat(BootstrapPlan.plan("d", 3, members).decision()).isEqualTo(BootstrapPlan.Decision.JOIN);
  }

  @Test
  void existingGroupMeansJoinNeverForm() {
    List<MemberInfo> members = List.of(member("a", 3, true), member("b", 3, false), member("c", 3, false));
    assertThat(BootstrapPlan.plan("b", 3, members).decision()).isEqualTo(BootstrapPlan.Decision.JOIN);
  }

  @Test
  void nodeNamedInAFormedGroupFormsWithExactlyThatGroup() {
    List<PeerAddress> group = List.of(new PeerAddress("a", "127.0.0.1:1"), new PeerAddress("b", "127.0.0.1:2"),
        new PeerAddress("c", "127.0.0.1:3"));
    MemberInfo formed = new MemberInfo("c", "prod", "127.0.0.1:7400", "127.0.0.1:3", "127.0.0.1:7402", "dev",
        BootstrapPlan.formedTags(3, group));
    BootstrapPlan plan = BootstrapPlan.plan("a", 3, List.of(member("a", 3, false), formed));
    assertThat(plan.decision()).isEqualTo(BootstrapPlan.Decision.FORM);
    assertThat(plan.peers()).isEqualTo(group);
    assertThat(BootstrapPlan.plan("d", 3, List.of(member("d", 3, false), formed)).decision())
        .isEqualTo(BootstrapPlan.Decision.JOIN);
  }

  @Test
  void mismatchedExpectationsWaitAndNameTheDisagreeingNode() {
    List<MemberInfo> members = List.of(member("a", 3, false), member("b", 5, false), member("c", 3, false));
    BootstrapPlan plan = BootstrapPlan.plan("a", 3, members);
    assertThat(plan.decision()).isEqualTo(BootstrapPlan.Decision.WAIT);
    assertThat(plan.reason()).contains("mismatch").contains("b=5");
  }

  @Test
  void zeroExpectNeverForms() {
    assertThat(BootstrapPlan.plan("a", 0, List.of(member("a", 0, false))).decision())
        .isEqualTo(BootstrapPlan.Decision.JOIN);
  }

  /** Every node that sees the same members, in any order, forms the same group. */
  @Property(tries = 200)
  void everyNodeReachesTheSameDecision(@ForAll @IntRange(min = 1, max = 7) int expect,
      @ForAll @IntRange(min = 0, max = 3) int extra, @ForAll long seed) {
    List<MemberInfo> members = new ArrayList<>();
    for (int i = 0; i < expect + extra; i++) {
      members.add(member("n" + i, expect, false));
    }
    List<List<PeerAddress>> formed = new ArrayList<>();
    for (MemberInfo self : members) {
      List<MemberInfo> view = new ArrayList<>(members);
      Collections.shuffle(view, new Random(seed ^ self.nodeId().hashCode()));
      BootstrapPlan plan = BootstrapPlan.plan(self.nodeId(), expect, view);
      if (plan.decision() == BootstrapPlan.Decision.FORM) {
        formed.add(plan.peers());
      }
    }
    assertThat(formed).hasSize(expect);
    assertThat(formed).allSatisfy(p -> assertThat(p).isEqualTo(formed.get(0)));
    assertThat(Map.of("size", formed.get(0).size())).containsEntry("size", expect);
  }
}
