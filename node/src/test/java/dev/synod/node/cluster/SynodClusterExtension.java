package dev.synod.node.cluster;

import static org.awaitility.Awaitility.await;

import dev.synod.client.SynodClient;
import dev.synod.consensus.RaftRole;
import dev.synod.node.SynodAgent;
import dev.synod.node.config.AgentConfig;
import dev.synod.node.config.AgentConfigBuilder;
import dev.synod.node.config.GossipPreset;
import dev.synod.security.identity.Role;
import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.TlsCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.api.extension.AfterEachCallback;
import org.junit.jupiter.api.extension.BeforeEachCallback;
import org.junit.jupiter.api.extension.ExtensionContext;

/**
 * Starts an N-node Synod cluster for each test: real Ratis gRPC, real scalecube gossip and the real public
 * API on loopback ports, with data directories under a temporary folder. Nodes can be halted (no
 * hand-off, no graceful leave), restarted from their data directory, and new nodes added.
 */
public final class SynodClusterExtension implements BeforeEachCallback, AfterEachCallback {
  private final int initialNodes;
  private UnaryOperator<AgentConfigBuilder> tuning = b -> b;
  private final List<Slot> slots = new ArrayList<>();
  private final List<SynodClient> clients = new ArrayList<>();
  private Path root;
  private boolean insecure;
  private TestPki pki;
  private TlsCredentials admin;

  private SynodClusterExtension(int initialNodes) {
    this.initialNodes = initialNodes;
  }

  public static SynodClusterExtension nodes(int n) {
    return new SynodClusterExtension(n);
  }

  /** Adjusts every node's configuration (e.g. a small snapshot threshold). */
  public SynodClusterExtension tuned(UnaryOperator<AgentConfigBuilder> tuning) {
    this.tuning = tuning;
    return this;
  }

  /** Runs the cluster in plaintext insecure-dev mode instead of mutual TLS. */
  public SynodClusterExtension insecureDev() {
    this.insecure = true;
    return this;
  }

  @Override
  public void beforeEach(ExtensionContext context) throws Exception {
    root = Files.createTempDirectory("synod-cluster-");
    if (!insecure) {
      pki = TestPki.create("test", root.resolve("pki"));
      admin = pki.clientCredentials(pki.issue(Role.ADMIN, "test-admin"));
    }
    for (int i = 0; i < initialNodes; i++) {
      slots.add(new Slot("node-" + (i + 1), freePort(), freePort(), freePort(), root.resolve("node-" + (i + 1))));
    }
    for (Slot s : slots) {
      s.agent = SynodAgent.start(config(s, initialNodes));
    }
    awaitServing();
  }

  /** Waits until every running node knows the leader and has caught up (gRPC health SERVING). */
  public void awaitServing() {
    await().atMost(Duration.ofSeconds(90)).until(() -> running().stream().allMatch(SynodAgent::serving));
  }

  @Override
  public void afterEach(ExtensionContext context) throws IOException {
    clients.forEach(SynodClient::close);
    clients.clear();
    if (admin != null) {
      admin.close();
    }
    for (Slot s : slots) {
      if (s.agent != null) {
        s.agent.halt();
      }
    }
    slots.clear();
    try (Stream<Path> paths = Files.walk(root)) {
      paths.sorted(Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  /** Adds a node that joins through gossip (bootstrap-expect 0); autopilot must add it. */
  public SynodAgent addNode() throws IOException {
    int n = slots.size() + 1;
    Slot s = new Slot("node-" + n, freePort(), freePort(), freePort(), root.resolve("node-" + n));
    slots.add(s);
    s.agent = SynodAgent.start(config(s, 0));
    return s.agent;
  }

  public SynodAgent awaitLeader() {
    await().atMost(Duration.ofSeconds(60)).until(() -> leader().isPresent());
    return leader().orElseThrow();
  }

  public Optional<SynodAgent> leader() {
    return running().stream()
        .filter(a -> a.raft().map(r -> r.status().role() == RaftRole.LEADER).orElse(false))
        .findFirst();
  }

  public List<SynodAgent> followers() {
    SynodAgent leader = awaitLeader();
    return running().stream().filter(a -> a != leader).toList();
  }

  public List<SynodAgent> running() {
    return slots.stream().map(s -> s.agent).filter(a -> a != null).toList();
  }

  public SynodAgent agent(String nodeId) {
    return slot(nodeId).agent;
  }

  /** Stops a node abruptly, as a crash would. */
  public void halt(String nodeId) {
    Slot s = slot(nodeId);
    s.agent.halt();
    s.agent = null;
  }

  /** Starts a halted node again from its data directory. */
  public SynodAgent restart(String nodeId) throws IOException {
    Slot s = slot(nodeId);
    s.agent = SynodAgent.start(config(s, initialNodes));
    return s.agent;
  }

  /** An admin client that talks only to the given node. */
  public SynodClient clientFor(SynodAgent agent) {
    return track(secured(SynodClient.builder().endpoints(List.of(agent.apiAddress())).deadline(Duration.ofSeconds(10))));
  }

  /** An admin client that knows every running node. */
  public SynodClient client() {
    return track(secured(SynodClient.builder().endpoints(running().stream().map(SynodAgent::apiAddress).toList())
        .deadline(Duration.ofSeconds(10))));
  }

  /** The cluster's CA and certificate helpers; null in insecure-dev mode. */
  public TestPki pki() {
    return pki;
  }

  private SynodClient.Builder secured(SynodClient.Builder b) {
    return insecure ? b.insecurePlaintext() : b.tls(admin);
  }

  private SynodClient track(SynodClient.Builder b) {
    SynodClient c = b.build();
    clients.add(c);
    return c;
  }

  private AgentConfig config(Slot s, int bootstrapExpect) {
    List<String> seeds = slots.stream().filter(o -> o != s).map(o -> "127.0.0.1:" + o.gossipPort).toList();
    AgentConfigBuilder b = AgentConfig.builder().nodeId(s.nodeId).clusterId("test").dataDir(s.dataDir)
        .bindHost("127.0.0.1").apiPort(s.apiPort).raftPort(s.raftPort).gossipPort(s.gossipPort).seeds(seeds)
        .bootstrapExpect(bootstrapExpect).minQuorum(Math.max(1, initialNodes))
        .gossipPreset(GossipPreset.LOCAL).serverStabilizationTime(Duration.ofSeconds(2))
        .leaseGrace(Duration.ofSeconds(5)).leaseCheckInterval(Duration.ofMillis(250))
        .shutdownDrainTimeout(Duration.ofSeconds(2));
    if (insecure) {
      b.insecureDev(true);
    } else {
      if (!Files.exists(pki.certFile(s.nodeId))) {
        pki.write(s.nodeId, pki.issue(Role.SERVER, s.nodeId));
      }
      b.tlsCaFile(pki.caFile()).tlsCertFile(pki.certFile(s.nodeId)).tlsKeyFile(pki.keyFile(s.nodeId))
          .tlsCaKeyFile(pki.caKeyFile()).tlsReloadInterval(Duration.ofMillis(200));
    }
    return tuning.apply(b).build();
  }

  private Slot slot(String nodeId) {
    return slots.stream().filter(s -> s.nodeId.equals(nodeId)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("no node " + nodeId));
  }

  private static int freePort() {
    return dev.synod.security.testing.TestPorts.next();
  }

  private static final class Slot {
    final String nodeId;
    final int apiPort;
    final int raftPort;
    final int gossipPort;
    final Path dataDir;
    SynodAgent agent;

    Slot(String nodeId, int apiPort, int raftPort, int gossipPort, Path dataDir) {
      this.nodeId = nodeId;
      this.apiPort = apiPort;
      this.raftPort = raftPort;
      this.gossipPort = gossipPort;
      this.dataDir = dataDir;
    }
  }
}
