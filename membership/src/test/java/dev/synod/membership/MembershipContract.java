package dev.synod.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.synod.membership.MembershipEvent.Type;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.Test;

/**
 * Behaviour every {@link Membership} must have, written once and run against each
 * implementation (as Ratis runs one suite over every transport).
 */
abstract class MembershipContract {

  static final String CLUSTER = "synod-test";

  /** Starts a member of the test cluster, joining through the first one started. */
  abstract Membership start(MemberInfo info);

  /** Makes {@code member} vanish without a leave. */
  abstract void crash(Membership member);

  /** How long the others may take to notice a crash or a completed leave. */
  abstract Duration failureBound();

  /** How long joins and gossip (metadata, leave notices) may take to spread. */
  Duration spreadBound() {
    return Duration.ofSeconds(15);
  }

  static MemberInfo info(String nodeId) {
    return info(nodeId, CLUSTER);
  }

  static MemberInfo info(String nodeId, String clusterId) {
    int n = Math.abs(nodeId.hashCode() % 1000);
    return new MemberInfo(nodeId, clusterId, "127.0.0.1:" + (20000 + n), "127.0.0.1:" + (30000 + n),
        "127.0.0.1:0", "1.0.0", Map.of("zone", "z" + (n % 3)));
  }

  static List<String> nodeIds(Membership m) {
    return m.members().stream().map(member -> member.info().nodeId()).toList();
  }

  @Test
  void membersJoinThroughASeedAndSeeEachOthersMetadata() {
    List<Membership> all = List.of(start(info("n1")), start(info("n2")), start(info("n3")), start(info("n4")));
    await().atMost(spreadBound()).untilAsserted(() -> {
      for (Membership m : all) {
        assertThat(nodeIds(m)).containsExactly("n1", "n2", "n3", "n4");
      }
    });
    for (Membership observer : all) {
      for (Membership other : all) {
        Member seen = observer.members().stream()
            .filter(member -> member.info().nodeId().equals(other.local().nodeId())).findFirst().orElseThrow();
        assertThat(seen.info()).isEqualTo(other.local());
        assertThat(seen.status()).isEqualTo(MemberStatus.ALIVE);
      }
    }
  }

  @Test
  void tagUpdateReachesOthersAsUpdatedWithThePreviousInfo() {
    Membership a = start(info("a1"));
    Membership b = start(info("b1"));
    EventLog atA = new EventLog();
    a.subscribe(atA);
    await().atMost(spreadBound()).until(() -> atA.typesFor("b1").equals(List.of(Type.JOINED)));
    MemberInfo before = b.local();

    b.updateTags(Map.of("zone", "z9", "draining", "true"));

    assertThat(b.local().tags()).containsExactly(Map.entry("draining", "true"), Map.entry("zone", "z9"));
    await().atMost(spreadBound()).until(() -> atA.typesFor("b1").equals(List.of(Type.JOINED, Type.UPDATED)));
    MembershipEvent updated = atA.about("b1").get(1);
    assertThat(updated.member()).isEqualTo(b.local());
    assertThat(updated.previous()).contains(before);
    assertThat(a.members()).contains(new Member(b.local(), MemberStatus.ALIVE));
  }

  @Test
  void gracefulLeaveIsSeenAsLeavingThenLeft() {
    Membership a = start(info("a2"));
    Membership b = start(info("b2"));
    EventLog atA = new EventLog();
    a.subscribe(atA);
    await().atMost(spreadBound()).until(() -> atA.typesFor("b2").contains(Type.JOINED));

    b.close();

    await().atMost(failureBound().plus(spreadBound())).until(() -> atA.typesFor("b2").contains(Type.LEFT));
    assertThat(atA.typesFor("b2")).containsExactly(Type.JOINED, Type.LEAVING, Type.LEFT);
    assertThat(nodeIds(a)).containsExactly("a2");
    assertThatThrownBy(() -> b.updateTags(Map.of())).isInstanceOf(IllegalStateException.class).hasMessageContaining("closed");
    assertThatThrownBy(() -> b.subscribe(e -> {})).isInstanceOf(IllegalStateException.class);
  }

  @Test
  void crashedMemberIsSeenAsFailedByEveryOtherMember() {
    Membership a = start(info("a3"));
    Membership b = start(info("b3"));
    Membership c = start(info("c3"));
    EventLog atA = new EventLog();
    EventLog atB = new EventLog();
    a.subscribe(atA);
    b.subscribe(atB);
    await().atMost(spreadBound()).until(() -> atA.typesFor("c3").contains(Type.JOINED) && atB.typesFor("c3").contains(Type.JOINED));

    crash(c);

    await().atMost(failureBound()).until(() -> atA.typesFor("c3").contains(Type.FAILED) && atB.typesFor("c3").contains(Type.FAILED));
    assertThat(atA.typesFor("c3")).containsExactly(Type.JOINED, Type.FAILED);
    assertThat(atB.typesFor("c3")).containsExactly(Type.JOINED, Type.FAILED);
    assertThat(nodeIds(a)).containsExactly("a3", "b3");
    assertThat(nodeIds(b)).containsExactly("a3", "b3");
  }

  @Test
  void eventsArriveSeriallyInOrderWithIncreasingSequence() {
    Membership a = start(info("a4"));
    EventLog early = new EventLog();
    a.subscribe(early);
    Membership b = start(info("b4"));
    start(info("c4"));
    await().atMost(spreadBound()).until(() -> nodeIds(a).size() == 3);
    EventLog late = new EventLog();
    a.subscribe(late);

    b.updateTags(Map.of("round", "1"));
    await().atMost(spreadBound()).until(() -> early.typesFor("b4").contains(Type.UPDATED));
    b.updateTags(Map.of("round", "2"));
    await().atMost(spreadBound()).until(() -> early.about("b4").stream()
        .anyMatch(e -> "2".equals(e.member().tags().get("round"))));
    b.close();

    await().atMost(failureBound().plus(spreadBound())).until(() -> late.typesFor("b4").contains(Type.LEFT));
    assertThat(early.typesFor("b4")).containsExactly(Type.JOINED, Type.UPDATED, Type.UPDATED, Type.LEAVING, Type.LEFT);
    assertThat(early.about("b4").get(2).previous().orElseThrow().tags()).containsEntry("round", "1");
    // The late listener first gets the members of the moment, then the same live events.
    assertThat(late.typesFor("b4")).containsExactly(Type.JOINED, Type.UPDATED, Type.UPDATED, Type.LEAVING, Type.LEFT);
    assertThat(late.typesFor("c4")).containsExactly(Type.JOINED);
    assertThat(early.sequences()).isSorted().doesNotHaveDuplicates();
    assertThat(late.sequences()).isSorted().doesNotHaveDuplicates();
    assertThat(early.threads).hasSize(1);
    assertThat(late.threads).isEqualTo(early.threads);
  }

  @Test
  void aFailingListenerDoesNotStopDeliveryAndAClosedSubscriptionGetsNothing() {
    Membership a = start(info("a5"));
    AtomicInteger calls = new AtomicInteger();
    a.subscribe(e -> {
      calls.incrementAndGet();
      throw new IllegalStateException("listener bug");
    });
    EventLog closedLog = new EventLog();
    Subscription closed = a.subscribe(closedLog);
    closed.close();
    closed.close();
    EventLog log = new EventLog();
    a.subscribe(log);

    start(info("b5"));
    start(info("c5"));

    await().atMost(spreadBound()).until(() -> log.events().size() == 2);
    assertThat(calls).hasValue(2);
    assertThat(closedLog.events()).isEmpty();
  }

  @Test
  void membersOfAnotherClusterIdNeverSeeEachOther() {
    Membership a = start(info("a6"));
    Membership foreign = startForeign(info("f6", "other-cluster"));
    EventLog atA = new EventLog();
    a.subscribe(atA);
    Membership b = start(info("b6"));

    await().atMost(spreadBound()).until(() -> atA.typesFor("b6").contains(Type.JOINED));
    assertThat(nodeIds(a)).containsExactly("a6", "b6");
    assertThat(nodeIds(foreign)).containsExactly("f6");
    assertThat(atA.typesFor("f6")).isEmpty();
    assertThat(b.members()).extracting(m -> m.info().clusterId()).containsOnly(CLUSTER);
  }

  /** Starts a member of another cluster that tries to join through this cluster's seed. */
  abstract Membership startForeign(MemberInfo info);
}
