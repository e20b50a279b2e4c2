package dev.synod.node;

import dev.synod.consensus.ConsensusListener;
import dev.synod.consensus.PeerInfo;
import dev.synod.consensus.RaftNode;
import dev.synod.consensus.RaftRole;
import dev.synod.membership.Member;
import dev.synod.membership.MemberInfo;
import dev.synod.membership.Membership;
import dev.synod.node.api.AclService;
import dev.synod.node.api.CertificateService;
import dev.synod.node.api.ClusterService;
import dev.synod.node.api.KvService;
import dev.synod.node.api.LeadershipTarget;
import dev.synod.node.api.NodeFacts;
import dev.synod.node.api.RegistrationService;
import dev.synod.node.api.RegistryGateway;
import dev.synod.node.api.SnapshotTransfer;
import dev.synod.node.api.WatchHub;
import dev.synod.node.autopilot.Autopilot;
import dev.synod.node.bootstrap.BootstrapPlan;
import dev.synod.node.bootstrap.Bootstrapper;
import dev.synod.node.bootstrap.DataDirectory;
import dev.synod.node.ca.CertificateSigner;
import dev.synod.node.ca.SigningCaInstaller;
import dev.synod.node.config.AgentConfig;
import dev.synod.node.health.ServingHealth;
import dev.synod.node.interceptor.InterceptorChain;
import dev.synod.node.lease.LeaseKeeper;
import dev.synod.node.plant.PlantedStaleReads;
import dev.synod.node.state.RaftHandle;
import dev.synod.node.state.RaftRestarter;
import dev.synod.node.state.RegistryStateMachine;
import dev.synod.node.tls.NodeTls;
import dev.synod.registry.Registry;
import dev.synod.registry.RegistryLimits;
import io.grpc.BindableService;
import io.grpc.Server;
import io.grpc.protobuf.services.ProtoReflectionServiceV1;
import java.io.IOException;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A translation node: joins the gossip ring, forms or joins the Raft group, serves the public gRPC API
 * and runs the leader duties (lease time, autopilot). Built from an {@link AgentConfig}; one per process,
 * or several per JVM in tests.
 */
public final class SynodAgent implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(SynodAgent.class);

  private final AgentConfig config;
  private final AgentParts parts;
  private final DataDirectory dataDir;
  private final Membership membership;
  private final RaftHandle raft = new RaftHandle();
  private final RegistryGateway gateway;
  private final WatchHub watches;
  private final LeaseKeeper leases;
  private final Autopilot autopilot;
  private final ServingHealth health;
  private final Bootstrapper bootstrapper;
  private final RaftRestarter restarter;
  private final Optional<NodeTls> tls;
  private final Optional<SigningCaInstaller> caInstaller;
  private final ExecutorService apiExecutor = PublicApi.newExecutor();
  private final Server server;
  private final ScheduledExecutorService duties;
  private volatile boolean closed;
  private volatile List<dev.synod.consensus.PeerAddress> formedWith = List.of();
  private Boolean advertisedMember; // guarded by this; the "raft" gossip tag last set from Raft membership
  private Consumer<String> fatalHandler;
  private String fatalMessage;

  private SynodAgent(AgentConfig config, AgentParts parts) throws IOException {
    this.config = config;
    this.parts = parts;
    Clock clock = parts.clock();
    this.tls = NodeTls.open(config);
    if (tls.isEmpty()) {
      InsecureDevWarning.print(config);
    }
    this.dataDir = DataDirectory.open(config.dataDir(), config.clusterId(), config.nodeId());
    boolean formedBefore = RaftStorage.hasState(dataDir.raftDir());
    this.membership = parts.membershipFactory().start(config, localMember(formedBefore), tls);
    this.gateway = new RegistryGateway(config.nodeId(), raft, RegistryLimits.defaults(), this::apiAddressOf);
    this.caInstaller = tls.flatMap(NodeTls::signingCa).map(ca -> new SigningCaInstaller(ca,
        () -> RegistryReads.signingCa(gateway), c -> gateway.propose(c)));
    this.watches = new WatchHub(gateway);
    this.leases = new LeaseKeeper(config.nodeId(), gateway, clock, config.leaseGrace());
    this.autopilot = new Autopilot(AgentSettings.autopilot(config), membership, raft, clock);
    this.health = new ServingHealth(raft);
    this.server = startServer();
    this.duties = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "synod-leader-duties-" + config.nodeId());
      t.setDaemon(true);
      return t;
    });
    this.bootstrapper = new Bootstrapper(config, membership, formedBefore, this::startRaft, raft::pending,
        this::fatal);
    this.restarter = new RaftRestarter(config.nodeId(), this::replaceRaft, this::fatal);
  }

  /** Starts an agent; returns once the API is serving (Raft may still be bootstrapping). */
  public static SynodAgent start(AgentConfig config) throws IOException {
    return start(config, AgentParts.production());
  }

  public static SynodAgent start(AgentConfig config, AgentParts parts) throws IOException {
    SynodAgent agent = new SynodAgent(config, parts);
    agent.begin();
    return agent;
  }

  private void begin() {
    long tick = config.leaseCheckInterval().toMillis();
    duties.scheduleWithFixedDelay(this::leaderDuties, tick, tick, TimeUnit.MILLISECONDS);
    duties.scheduleWithFixedDelay(health::refresh, 100, 250, TimeUnit.MILLISECONDS);
    bootstrapper.begin();
    if (PlantedStaleReads.planted()) {
      log.warn("this agent serves linearizable reads from local state (planted chaos-suite bug)");
    }
    log.info("synod agent {} (cluster {}) serving API on {}:{}, raft {}, gossip {}, data in {}", config.nodeId(),
        config.clusterId(), config.bindHost(), server.getPort(), config.raftPort(), config.gossipPort(),
        config.dataDir());
  }

  private void startRaft(List<dev.synod.consensus.PeerAddress> initialPeers) throws IOException {
    RaftNode node = newRaftNode(initialPeers);
    raft.set(node);
    if (!initialPeers.isEmpty()) {
      formedWith = initialPeers;
      membership.updateTags(BootstrapPlan.formedTags(config.bootstrapExpect(), initialPeers));
    }
    advertiseMembership(node.peers());
  }

  /**
   * Replaces a Raft node that can no longer serve (see {@link RaftRestarter}) with a new one that recovers from the
   * same storage and a fresh registry; gateway, watches, leases, health and autopilot see it through the handle.
   */
  private synchronized boolean replaceRaft(RaftNode stale) throws IOException {
    if (closed || raft.get().orElse(null) != stale) {
      return false;
    }
    stale.close(); // frees the Raft port and the storage before the new server takes them
    RaftNode fresh = newRaftNode(List.of());
    raft.replace(stale, fresh);
    advertiseMembership(fresh.peers());
    return true;
  }

  /** Starts a Raft node (recovering if the storage has a group) with every listener the agent needs. */
  private RaftNode newRaftNode(List<dev.synod.consensus.PeerAddress> initialPeers) throws IOException {
    Registry registry = new Registry(RegistryLimits.defaults());
    RaftNode node = RaftNode.start(config.nodeId(), config.bindHost() + ":" + config.raftPort(), config.clusterId(),
        dataDir.raftDir(), initialPeers, AgentSettings.consensus(config, tls),
        new RegistryStateMachine(registry, parts.clock()));
    node.addListener(watches);
    node.addListener(leases);
    node.addListener(new ConsensusListener() {
      @Override
      public void onConfigurationChanged(List<PeerInfo> peers) {
        advertiseMembership(peers);
      }
    });
    node.addListener(restarter.watch(node));
    return node;
  }

  /**
   * Gossip tag "raft": formed while this node is in the Raft configuration, pending while it waits to be added (again,
   * after a removal). A node that formed the first group keeps its formed-with tags.
   */
  private synchronized void advertiseMembership(List<PeerInfo> peers) {
    boolean member = peers.stream().anyMatch(p -> p.id().equals(config.nodeId()));
    if (closed || !formedWith.isEmpty() || Boolean.valueOf(member).equals(advertisedMember)) {
      return;
    }
    advertisedMember = member;
    membership.updateTags(BootstrapPlan.tags(config.bootstrapExpect(), member));
  }

  private void leaderDuties() {
    try {
      leases.tick();
      autopilot.tick();
      if (raft.get().map(n -> n.status().role() == RaftRole.LEADER).orElse(false)) {
        caInstaller.ifPresent(SigningCaInstaller::tick);
      }
    } catch (RuntimeException e) {
      log.warn("leader duties: {}", e.toString());
    }
  }

  private Server startServer() throws IOException {
    NodeFacts facts = new NodeFacts(config.nodeId(), config.clusterId(), Version.current(),
        config.dataDir().toString(), health::serving);
    CertificateSigner signer = new CertificateSigner(config.clusterId(), () -> RegistryReads.signingCa(gateway),
        config.security().leafTtl(), config.security().signRate(), parts.clock(), System::nanoTime);
    List<BindableService> services = new ArrayList<>(List.of(new KvService(gateway, watches),
        new RegistrationService(gateway, watches),
        new ClusterService(gateway, membership, autopilot, new SnapshotTransfer(gateway, config.clusterId()), facts),
        new AclService(gateway, parts.clock()), new CertificateService(gateway, signer), health.service()));
    if (config.enableReflection()) {
      services.add(ProtoReflectionServiceV1.newInstance());
    }
    InterceptorChain chain = PublicApi.chain(config, tls, hash -> RegistryReads.token(gateway, hash), parts.clock(),
        parts.telemetry());
    return PublicApi.start(config, tls, chain, services, apiExecutor);
  }

  private MemberInfo localMember(boolean formed) {
    String host = config.advertiseHost();
    return new MemberInfo(config.nodeId(), config.clusterId(), host + ":" + config.apiPort(),
        host + ":" + config.raftPort(), host + ":" + config.gossipPort(), Version.current(),
        BootstrapPlan.tags(config.bootstrapExpect(), formed));
  }

  private Optional<String> apiAddressOf(String nodeId) {
    return membership.members().stream().map(Member::info).filter(i -> i.nodeId().equals(nodeId))
        .map(MemberInfo::apiAddress).findFirst();
  }

  /** Registers who is told when the agent cannot go on (e.g. a corrupt snapshot on recovery). */
  public synchronized void onFatal(Consumer<String> handler) {
    fatalHandler = handler;
    if (fatalMessage != null) {
      handler.accept(fatalMessage);
    }
  }

  /** The fatal error, if one happened. */
  public synchronized Optional<String> fatalError() {
    return Optional.ofNullable(fatalMessage);
  }

  private synchronized void fatal(String message) {
    fatalMessage = message;
    if (fatalHandler != null) {
      fatalHandler.accept(message);
    }
  }

  public AgentConfig config() {
    return config;
  }

  public String nodeId() {
    return config.nodeId();
  }

  public String apiAddress() {
    return config.advertiseHost() + ":" + server.getPort();
  }

  public Optional<RaftNode> raft() {
    return raft.get();
  }

  public Membership membership() {
    return membership;
  }

  public boolean serving() {
    return health.serving();
  }

  /** Graceful stop: stop serving, hand leadership away, drain in-flight calls, leave the ring. */
  @Override
  public void close() {
    stop(true);
  }

  /** Abrupt stop for tests that simulate a crash: no leadership hand-off and no graceful leave. */
  public void halt() {
    stop(false);
  }

  private synchronized void stop(boolean graceful) {
    if (closed) {
      return;
    }
    closed = true;
    health.shutdown();
    bootstrapper.close();
    restarter.close();
    if (graceful) {
      handOffLeadership();
      server.shutdown();
      // Watches never finish on their own: end them now so clients resume elsewhere, then drain unary calls.
      watches.close();
      awaitDrain(config.shutdownDrainTimeout());
    }
    server.shutdownNow();
    stopApiExecutor();
    duties.shutdownNow();
    watches.close();
    raft.get().ifPresent(RaftNode::close);
    if (graceful) {
      membership.close();
    } else {
      parts.membershipFactory().crash(membership);
    }
    tls.ifPresent(NodeTls::close);
    try {
      dataDir.close();
    } catch (IOException e) {
      log.warn("releasing the data-dir lock: {}", e.toString());
    }
    log.info("synod agent {} stopped ({})", config.nodeId(), graceful ? "graceful" : "halt");
  }

  private void handOffLeadership() {
    raft.get().filter(n -> n.status().role() == RaftRole.LEADER).ifPresent(n -> {
      try {
        String target = LeadershipTarget.best(n);
        n.transferLeadership(target, Duration.ofSeconds(5)).get(6, TimeUnit.SECONDS);
        log.info("handed leadership to {} before shutdown", target);
      } catch (Exception e) {
        log.warn("could not hand leadership away before shutdown: {}", e.toString());
      }
    });
  }

  /** After the server's cancelled calls have run their last callbacks, so none of them is refused. */
  private void stopApiExecutor() {
    try {
      if (!server.awaitTermination(2, TimeUnit.SECONDS)) {
        log.warn("the API server did not terminate within 2 s of shutdownNow");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    apiExecutor.shutdown();
  }

  private void awaitDrain(Duration timeout) {
    try {
      if (!server.awaitTermination(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        log.warn("in-flight calls did not finish within {}; cancelling them", timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
