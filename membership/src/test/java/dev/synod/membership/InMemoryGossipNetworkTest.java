package dev.synod.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.membership.MembershipEvent.Type;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The contract over the in-memory network, plus its deterministic extras. */
class InMemoryGossipNetworkTest extends MembershipContract {

  private final InMemoryGossipNetwork network = new InMemoryGossipNetwork();
  private final List<Membership> started = new ArrayList<>();

  @AfterEach
  void closeAll() {
    started.forEach(Membership::close);
  }

  @Override
  Membership start(MemberInfo info) {
    Membership m = network.join(info);
    started.add(m);
    return m;
  }

  @Override
  Membership startForeign(MemberInfo info) {
    return start(info);
  }

  @Override
  void crash(Membership member) {
    network.crash(member.local().nodeId());
  }

  @Override
  Duration failureBound() {
    return Duration.ofSeconds(5);
  }

  private void settle() {
    assertThat(network.awaitDelivered(Duration.ofSeconds(5))).isTrue();
  }

  @Test
  void deliveryIsDeterministicOnceAwaited() {
    Membership a = start(info("a"));
    EventLog log = new EventLog();
    a.subscribe(log);
    Membership b = start(info("b"));
    start(info("c"));
    b.updateTags(Map.of("k", "v"));
    network.crash("c");
    b.close();
    settle();

    assertThat(log.events()).extracting(e -> e.type() + " " + e.member().nodeId() + " #" + e.sequence())
        .containsExactly("JOINED b #1", "JOINED c #2", "UPDATED b #3", "FAILED c #4", "LEAVING b #5", "LEFT b #6");
    assertThat(nodeIds(a)).containsExactly("a");
    assertThat(network.nodeIds()).containsExactly("a");
  }

  @Test
  void partitionFailsEachSideForTheOtherAndHealRejoinsThem() {
    Membership a = start(info("a"));
    Membership b = start(info("b"));
    Membership c = start(info("c"));
    EventLog atA = new EventLog();
    EventLog atC = new EventLog();
    a.subscribe(atA);
    c.subscribe(atC);
    settle();

    network.partition(Set.of("c"));
    settle();
    assertThat(nodeIds(a)).containsExactly("a", "b");
    assertThat(nodeIds(c)).containsExactly("c");
    assertThat(atC.typesFor("a")).containsExactly(Type.JOINED, Type.FAILED);

    start(info("d")); // joins the majority side
    settle();
    assertThat(nodeIds(a)).containsExactly("a", "b", "d");
    assertThat(nodeIds(c)).containsExactly("c");

    network.heal();
    settle();
    assertThat(nodeIds(c)).containsExactly("a", "b", "c", "d");
    assertThat(atA.typesFor("c")).containsExactly(Type.JOINED, Type.FAILED, Type.JOINED);
    assertThat(b.members()).hasSize(4);
  }

  @Test
  void aNodeIdCanRejoinAfterACrashButNotTwiceAtOnce() {
    Membership a = start(info("a"));
    EventLog log = new EventLog();
    a.subscribe(log);
    Membership b = start(info("b"));
    assertThatThrownBy(() -> network.join(info("b")))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("nodeId: 'b' (expected: not already a live member of this network)");

    network.crash("b");
    b.updateTags(Map.of("after", "crash")); // a crashed node's handle stays usable but inert
    start(info("b"));
    settle();

    assertThat(log.typesFor("b")).containsExactly(Type.JOINED, Type.FAILED, Type.JOINED);
    assertThat(log.about("b").get(2).member().tags()).doesNotContainKey("after");
    assertThatThrownBy(() -> network.crash("nobody")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("'nobody'");
  }
}
