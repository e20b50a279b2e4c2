package dev.synod.chaos.nemesis;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import com.google.protobuf.ByteString;
import dev.synod.chaos.cluster.ChaosImages;
import dev.synod.chaos.cluster.DockerCluster;
import dev.synod.chaos.cluster.ExecResult;
import dev.synod.client.SynodClient;
import dev.synod.client.SynodException;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.PutRequest;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Random;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.TestMethodOrder;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The chaos infrastructure end to end on a real 5-node cluster with mutual TLS: images, cluster, and every nemesis
 * applied and healed once, each checked from inside the containers (iptables rules, process state, clock). Skipped
 * only when no Docker daemon answers. Node logs go to {@code target/chaos-infra-logs/}.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ChaosInfrastructureTest {
  private static final Logger LOG = LoggerFactory.getLogger(ChaosInfrastructureTest.class);
  private static final long SEED = 20261123L;
  private static final ByteString KEY = ByteString.copyFromUtf8("chaos-infra/key");
  private static final ByteString VALUE = ByteString.copyFromUtf8("value-1");

  private DockerCluster cluster;
  private NemesisContext ctx;

  @BeforeAll
  void startCluster() {
    Assumptions.assumeTrue(ChaosImages.dockerAvailable(), "no Docker daemon answers `docker info`");
    long t0 = System.nanoTime();
    String image = ChaosImages.locate().nodeImage();
    LOG.info("images ready in {} ms: {}", ms(t0), image);
    t0 = System.nanoTime();
    // Its own name and subnet, so that it can run next to a suite cluster on the default 10.77.0.0/24.
    cluster = DockerCluster.builder(image).name("synod-chaos-infra").subnet("10.77.9.0/24").start();
    cluster.awaitHealthy(Duration.ofSeconds(90));
    LOG.info("5 nodes healthy in {} ms", ms(t0));
    ctx = new NemesisContext(cluster, new Random(SEED));
  }

  @AfterAll
  void stopCluster() {
    if (cluster != null) {
      cluster.logsAll(Path.of("target/chaos-infra-logs"));
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void putAndGetThroughTheJavaClientOverMutualTls() {
    try (SynodClient client = cluster.clientBuilder(cluster.apiEndpoints()).build()) {
      client.put(PutRequest.newBuilder().setKey(KEY).setValue(VALUE).build());
      for (String node : cluster.nodes()) {
        try (SynodClient one = cluster.clientBuilder(List.of(cluster.apiEndpoint(node))).build()) {
          assertThat(one.get(GetRequest.newBuilder().setKey(KEY).build()).getKv().getValue()).isEqualTo(VALUE);
        }
      }
    }
    assertThat(cluster.leader()).isPresent();
    try (SynodClient plain = SynodClient.builder().endpoints(cluster.apiEndpoints()).insecurePlaintext()
        .deadline(Duration.ofSeconds(5)).maxRetries(0).build()) {
      assertThatThrownBy(() -> plain.get(GetRequest.newBuilder().setKey(KEY).build()))
          .as("the nodes speak TLS only").isInstanceOf(SynodException.class);
    }
  }

  @Test
  @Order(2)
  void everyPartitionInstallsExactlyItsRulesAndHealRemovesThem() {
    for (PartitionNemesis.Kind kind : PartitionNemesis.Kind.values()) {
      PartitionNemesis p = new PartitionNemesis(kind);
      p.apply(ctx);
      try {
        checkPartition(p);
      } finally {
        p.heal(ctx);
      }
      assertThat(p.active()).isFalse();
      for (String node : cluster.nodes()) {
        assertThat(cluster.exec(node, "iptables", "-S").stdout()).doesNotContain("DROP");
      }
    }
    cluster.awaitHealthy(Duration.ofSeconds(60));
  }

  private void checkPartition(PartitionNemesis p) {
    PartitionNemesis.Kind kind = p.kind();
    Grudge g = p.grudge();
    LOG.info("{}: {}", p.name(), p.description());
    assertThat(g.isEmpty()).isFalse();
    for (String node : cluster.nodes()) {
      String rules = cluster.exec(node, "iptables", "-S").orThrow("iptables -S").stdout();
      List<String> drops = rules.lines().filter(l -> l.endsWith("-j DROP")).toList();
      assertThat(drops).as("%s rules on %s", kind, node).hasSize(2 * g.dropsOf(node).size());
      for (String peer : g.dropsOf(node)) {
        assertThat(rules).contains("-A INPUT -s " + cluster.ip(peer) + "/32 -j DROP")
            .contains("-A OUTPUT -d " + cluster.ip(peer) + "/32 -j DROP");
      }
      assertThat(rules).as("the test JVM stays reachable").doesNotContain(cluster.gatewayIp() + "/32");
    }
    if (kind == PartitionNemesis.Kind.ISOLATE_ONE) {
      checkIsolationCutsPeersButNotTheTestJvm(g);
    }
    if (kind == PartitionNemesis.Kind.ISOLATE_LEADER) {
      String old = g.affectedNodes().stream().filter(n -> g.visibleFrom(n).size() == 1).findFirst().orElseThrow();
      String fresh = awaitLeaderOtherThan(old, Duration.ofSeconds(30));
      LOG.info("leader {} isolated; the majority elected {}", old, fresh);
    }
  }

  private void checkIsolationCutsPeersButNotTheTestJvm(Grudge g) {
    String alone = g.nodes().stream().filter(n -> g.visibleFrom(n).size() == 1).findFirst().orElseThrow();
    List<String> others = new ArrayList<>(g.nodes());
    others.remove(alone);
    assertThat(tcpConnect(alone, others.get(0))).as("%s reaches %s", alone, others.get(0)).isFalse();
    assertThat(tcpConnect(others.get(0), alone)).isFalse();
    assertThat(tcpConnect(others.get(0), others.get(1))).isTrue();
    assertThat(cluster.status(alone)).as("the test JVM still reaches %s", alone).isPresent();
  }

  /** Whether {@code from} can open a TCP connection to {@code to}'s API port within 2 s. */
  private boolean tcpConnect(String from, String to) {
    ExecResult r = cluster.exec(from, "timeout", "2", "bash", "-c",
        "exec 3<>/dev/tcp/" + cluster.ip(to) + "/" + DockerCluster.API_PORT);
    return r.ok();
  }

  private String awaitLeaderOtherThan(String old, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (System.nanoTime() < deadline) {
      for (String n : cluster.liveNodes()) {
        if (!n.equals(old) && cluster.status(n).map(s -> "leader".equals(s.getRaftRole())).orElse(false)) {
          return n;
        }
      }
      sleep(250);
    }
    throw new AssertionError("no new leader besides " + old + " within " + timeout);
  }

  @Test
  @Order(3)
  void killedNodeComesBackWithItsData() {
    KillNemesis kill = new KillNemesis(KillNemesis.Kind.ONE);
    kill.apply(ctx);
    String node = kill.killed().get(0);
    LOG.info("{}", kill.description());
    try {
      assertThat(cluster.isRunning(node)).isFalse();
      assertThat(cluster.status(node)).isEmpty();
      assertThat(cluster.stoppedNodes()).containsExactly(node);
      cluster.awaitHealthy(Duration.ofSeconds(30)); // the others still serve
    } finally {
      kill.heal(ctx);
    }
    assertThat(cluster.stoppedNodes()).isEmpty();
    cluster.awaitServing(node, Duration.ofSeconds(60));
    try (SynodClient one = cluster.clientBuilder(List.of(cluster.apiEndpoint(node))).build()) {
      assertThat(one.get(GetRequest.newBuilder().setKey(KEY).build()).getKv().getValue()).isEqualTo(VALUE);
    }
  }

  @Test
  @Order(4)
  void pausedNodeStopsAnsweringAndResumes() {
    PauseNemesis pause = new PauseNemesis(PauseNemesis.Kind.ONE);
    pause.apply(ctx);
    String node = pause.paused();
    try {
      assertThat(cluster.isPaused(node)).isTrue();
      assertThat(cluster.liveNodes()).doesNotContain(node);
      assertThat(cluster.status(node)).as("a frozen node does not answer").isEmpty();
    } finally {
      pause.heal(ctx);
    }
    assertThat(cluster.isPaused(node)).isFalse();
    cluster.awaitServing(node, Duration.ofSeconds(60));
  }

  @Test
  @Order(4)
  void aThreadDumpOfEveryLiveNodeLandsInItsLogAndTheNodesKeepServing() throws Exception {
    List<String> asked = cluster.threadDumpsAll();

    assertThat(asked).containsExactlyInAnyOrderElementsOf(cluster.liveNodes()).isNotEmpty();
    Path dir = Files.createTempDirectory("synod-thread-dumps");
    for (String node : asked) {
      String log = Files.readString(cluster.logs(node, dir));
      assertThat(log).as("%s's log", node).contains("Full thread dump").contains("StateMachineUpdater");
    }
    cluster.awaitHealthy(Duration.ofSeconds(30));
  }

  @Test
  @Order(5)
  void clockSkewMovesTheContainersClockAndTheJvmsSurvive() {
    ClockNemesis skew = ClockNemesis.skew(Duration.ofSeconds(120));
    skew.apply(ctx);
    LOG.info("{}", skew.description());
    try {
      assertThat(skew.offsets()).isNotEmpty();
      skew.offsets().forEach((node, offset) -> {
        long expected = Long.parseLong(offset.replace("+", ""));
        long skewSeen = containerEpochSeconds(node) - Instant.now().getEpochSecond();
        assertThat(skewSeen).as("%s date vs host, offset %s", node, offset).isBetween(expected - 3, expected + 3);
      });
      sleep(2500); // past libfaketime's 1 s cache: the node JVMs now run on the skewed clocks
      putAndGet("skewed");
    } finally {
      skew.heal(ctx);
    }
    for (String node : cluster.nodes()) {
      assertThat(Math.abs(containerEpochSeconds(node) - Instant.now().getEpochSecond())).isLessThanOrEqualTo(3);
    }

    ClockNemesis strobe = ClockNemesis.strobe(Duration.ofSeconds(15), Duration.ofMillis(300), 5);
    strobe.apply(ctx);
    List<Long> seen = new ArrayList<>();
    String node = strobe.offsets().keySet().iterator().next();
    try {
      for (int i = 0; i < 6; i++) {
        seen.add(containerEpochSeconds(node) - Instant.now().getEpochSecond());
        sleep(250);
      }
    } finally {
      strobe.heal(ctx);
    }
    LOG.info("strobe on {}: offsets seen {}", node, seen);
    assertThat(seen).anyMatch(s -> s >= 12).anyMatch(s -> s <= -12);
    cluster.awaitHealthy(Duration.ofSeconds(60));
    putAndGet("after-clock");
  }

  private long containerEpochSeconds(String node) {
    return Long.parseLong(cluster.exec(node, "date", "+%s").orThrow("date").stdout().strip());
  }

  private void putAndGet(String value) {
    try (SynodClient client = cluster.clientBuilder(cluster.apiEndpoints()).build()) {
      ByteString v = ByteString.copyFromUtf8(value);
      client.put(PutRequest.newBuilder().setKey(KEY).setValue(v).build());
      assertThat(client.get(GetRequest.newBuilder().setKey(KEY).build()).getKv().getValue()).isEqualTo(v);
    }
  }

  @Test
  @Order(6)
  void membershipRemovalAndReAddThroughAutopilot() {
    MembershipNemesis m = new MembershipNemesis();
    m.apply(ctx);
    String node = m.removed();
    LOG.info("{}", m.description());
    try {
      assertThat(cluster.isRunning(node)).isFalse();
    } finally {
      m.heal(ctx);
    }
    Duration took = MembershipNemesis.awaitVoter(cluster, node, Duration.ofSeconds(90));
    LOG.info("{} is a voter again {} ms after its wiped restart", node, took.toMillis());
    cluster.awaitHealthy(Duration.ofSeconds(60));
  }

  @Test
  @Order(7)
  void runnerAlternatesFaultsAndAlwaysHeals() {
    List<String> events = Collections.synchronizedList(new ArrayList<>());
    List<Nemesis> nemeses = new ArrayList<>(Nemeses.partitions());
    nemeses.addAll(Nemeses.pauses());
    nemeses.add(new KillNemesis(KillNemesis.Kind.MINORITY));
    NemesisSchedule schedule = NemesisSchedule.random(nemeses, SEED, Duration.ofMillis(500),
        Duration.ofSeconds(1), Duration.ofSeconds(2));
    NemesisRunner runner = new NemesisRunner(ctx, schedule, (f, v) -> events.add(f + " " + v));
    assertTimeoutPreemptively(Duration.ofSeconds(60), () -> runner.run(Duration.ofSeconds(12)));
    LOG.info("runner events: {}", events);
    assertThat(runner.errors()).isEmpty();
    assertThat(events).isNotEmpty();
    for (int i = 0; i < events.size(); i++) {
      assertThat(events.get(i)).startsWith(i % 2 == 0 ? "start-" : "stop-");
    }
    assertThat(events.size() % 2).isZero();
    for (String node : cluster.nodes()) {
      assertThat(cluster.isRunning(node)).isTrue();
      assertThat(cluster.isPaused(node)).isFalse();
      assertThat(cluster.exec(node, "iptables", "-S").stdout()).doesNotContain("DROP");
    }
    cluster.awaitHealthy(Duration.ofSeconds(90));
    putAndGet("after-runner");
  }

  private static long ms(long t0) {
    return (System.nanoTime() - t0) / 1_000_000;
  }

  private static void sleep(long millis) {
    try {
      Thread.sleep(millis);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionError(e);
    }
  }
}
