package dev.synod.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import dev.synod.membership.MembershipEvent.Type;
import java.io.IOException;
import java.net.ServerSocket;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;

/** The contract over real scalecube TCP on loopback, plus what only the real transport has. */
class ScalecubeMembershipTest extends MembershipContract {

  private final List<ScalecubeMembership> started = new ArrayList<>();
  private final List<ListAppender<ILoggingEvent>> appenders = new ArrayList<>();

  @AfterEach
  void closeAll() {
    appenders.forEach(a -> logger().detachAppender(a));
    // Leaves gossip for a few periods each; do them together.
    CompletableFuture.allOf(started.stream().map(m -> CompletableFuture.runAsync(m::close)).toArray(CompletableFuture[]::new)).join();
  }

  @Override
  Membership start(MemberInfo info) {
    return start(info, settings());
  }

  @Override
  Membership startForeign(MemberInfo info) {
    return start(info, settings());
  }

  @Override
  void crash(Membership member) {
    ((ScalecubeMembership) member).crash();
  }

  @Override
  Duration failureBound() {
    // local(): suspicion 8 x 2 x 200 ms = 3.2 s at 3 members, plus probing and gossip.
    return Duration.ofSeconds(15);
  }

  private MembershipSettings settings() {
    MembershipSettings.Builder b = MembershipSettings.local().toBuilder();
    if (!started.isEmpty()) {
      b.seeds(started.get(0).local().gossipAddress());
    }
    return b.build();
  }

  private ScalecubeMembership start(MemberInfo info, MembershipSettings settings) {
    ScalecubeMembership m = ScalecubeMembership.start(settings, info);
    started.add(m);
    return m;
  }

  @Test
  void localAdvertisesTheBoundGossipAddressOnLoopback() {
    ScalecubeMembership m = start(info("g1"), MembershipSettings.local());
    assertThat(m.local().gossipAddress()).startsWith("127.0.0.1:").isNotEqualTo("127.0.0.1:0");
    assertThat(m.local()).isEqualTo(info("g1").withGossipAddress(m.local().gossipAddress()));
    assertThat(m.joinedAnySeed()).as("no seeds: first member").isTrue();
    assertThat(m.members()).containsExactly(new Member(m.local(), MemberStatus.ALIVE));
  }

  @Test
  void unreachableSeedsStillStartWarnNamingThemAndJoinOnceASeedComesUp() throws IOException {
    int port = freePort();
    String seed = "127.0.0.1:" + port;
    ListAppender<ILoggingEvent> logs = capture();
    MembershipSettings settings = MembershipSettings.local().toBuilder()
        .seeds(seed).syncInterval(Duration.ofSeconds(1)).syncTimeout(Duration.ofMillis(500)).build();

    long begin = System.nanoTime();
    ScalecubeMembership alone = start(info("u1"), settings);

    assertThat(Duration.ofNanos(System.nanoTime() - begin)).isLessThan(settings.joinTimeout());
    assertThat(alone.joinedAnySeed()).isFalse();
    assertThat(alone.awaitJoined(Duration.ofMillis(50))).isFalse();
    assertThat(logs.list).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).contains("none of the seeds [" + seed + "] answered", "retrying every syncInterval PT1S");
    });

    // The seed comes up at that address: the periodic sync gets through.
    ScalecubeMembership seedNode = start(info("u0"), MembershipSettings.local().toBuilder().port(port).build());
    assertThat(alone.awaitJoined(Duration.ofSeconds(15))).isTrue();
    await().atMost(Duration.ofSeconds(15)).until(() -> nodeIds(seedNode).equals(List.of("u0", "u1")));
  }

  @Test
  void aSeedListNamingThisNodeCountsAsNoSeed() throws IOException {
    int port = freePort();
    ScalecubeMembership m = start(info("s1"), MembershipSettings.local().toBuilder()
        .port(port).seeds("127.0.0.1:" + port, "localhost:" + port).build());
    assertThat(m.joinedAnySeed()).isTrue();
  }

  @Test
  void membersClaimingAnotherClusterIdAreIgnoredWithAWarningEvenInTheSameNamespace() {
    ListAppender<ILoggingEvent> logs = capture();
    ScalecubeMembership a = ScalecubeMembership.start(MembershipSettings.local(), info("x1"), "shared");
    started.add(a);
    MembershipSettings viaA = MembershipSettings.local().toBuilder().seeds(a.local().gossipAddress()).build();
    ScalecubeMembership stranger = ScalecubeMembership.start(viaA, info("x2", "other-cluster"), "shared");
    started.add(stranger);
    ScalecubeMembership friend = ScalecubeMembership.start(viaA, info("x3"), "shared");
    started.add(friend);

    await().atMost(Duration.ofSeconds(15)).until(() -> nodeIds(a).contains("x3"));
    assertThat(nodeIds(a)).containsExactly("x1", "x3");
    assertThat(stranger.joinedAnySeed()).isFalse();
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> assertThat(logs.list).anySatisfy(e -> {
      assertThat(e.getLevel()).isEqualTo(Level.WARN);
      assertThat(e.getFormattedMessage()).contains("ignoring gossip member x2", "belongs to cluster 'other-cluster', not 'synod-test'");
    }));
  }

  @Test
  void aNamespaceOtherThanTheClusterIdIsRejected() {
    MembershipSettings settings = MembershipSettings.local().toBuilder().namespace("elsewhere").build();
    assertThatThrownBy(() -> ScalecubeMembership.start(settings, info("n9")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("local.clusterId: 'synod-test' (expected: the settings' namespace 'elsewhere')");
  }

  @Test
  void aTakenPortFailsStartNamingTheAddress() throws IOException {
    try (ServerSocket taken = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      MembershipSettings settings = MembershipSettings.local().toBuilder().port(taken.getLocalPort()).build();
      assertThatThrownBy(() -> ScalecubeMembership.start(settings, info("p1")))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("gossip: could not start on 127.0.0.1:" + taken.getLocalPort() + ": ")
          .hasMessageContaining("Failed to bind");
    }
  }

  @Test
  void restartUnderTheSameNodeIdEndsTheOldIncarnationBeforeTheNewOneJoins() {
    Membership a = start(info("r1"));
    EventLog atA = new EventLog();
    a.subscribe(atA);
    Membership b = start(info("r2"));
    await().atMost(Duration.ofSeconds(15)).until(() -> atA.typesFor("r2").contains(Type.JOINED));

    crash(b);
    start(info("r2")); // a new process, same node id, new gossip port

    await().atMost(failureBound()).until(() -> atA.typesFor("r2").size() == 3);
    assertThat(atA.typesFor("r2")).containsExactly(Type.JOINED, Type.FAILED, Type.JOINED);
    await().atMost(failureBound()).untilAsserted(() -> assertThat(nodeIds(a)).containsExactly("r1", "r2"));
  }

  private static int freePort() throws IOException {
    try (ServerSocket s = new ServerSocket(0, 1, java.net.InetAddress.getLoopbackAddress())) {
      return s.getLocalPort();
    }
  }

  private ListAppender<ILoggingEvent> capture() {
    ListAppender<ILoggingEvent> appender = new ListAppender<>();
    appender.start();
    logger().addAppender(appender);
    appenders.add(appender);
    return appender;
  }

  private static Logger logger() {
    return (Logger) LoggerFactory.getLogger(ScalecubeMembership.class);
  }
}
