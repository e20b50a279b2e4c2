package dev.synod.chaos.cluster;

import dev.synod.client.SynodClient;
import dev.synod.proto.v1.StatusResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * A Synod cluster of 3 to 7 translation nodes, each a Docker container on a dedicated bridge network with a fixed
 * subnet (default {@code 10.77.0.0/24}).
 *
 * <ul>
 *   <li>Node {@code nK} (K = 1..N) has the fixed address {@code <prefix>.(10+K)}, host name and network alias
 *       {@code nK}, the {@code NET_ADMIN} capability (iptables inside the container) and its data directory {@code
 *       /var/lib/synod} on the named volume {@code <name>-nK-data}, which survives kills and restarts.
 *   <li>Each runs {@code synod agent --node-id nK --cluster-id chaos --data-dir /var/lib/synod --bind-host 0.0.0.0
 *       --advertise-host <ip> --seeds <every node's ip:7402> --bootstrap-expect N --min-quorum Q --gossip-preset
 *       lan}, the mutual-TLS flags of {@link ClusterPki} (a throwaway CA per {@link #start()}), plus {@link
 *       Builder#agentArgs(String...)}.
 *   <li>The test JVM reaches every node's API directly at {@code <ip>:7400} over the bridge (the host is the
 *       network's gateway, {@code <prefix>.1}); no port is published; clients come from {@link #clientBuilder}.
 *   <li>With {@link Builder#faketime(boolean)} (the default) the node's processes run under libfaketime; the
 *       offset file {@link #FAKETIME_FILE} (on a tmpfs, absent until the first offset, gone again after a
 *       restart) shifts its wall clock, see {@link #setClockOffset(String, String)}.
 * </ul>
 *
 * <p>Only one cluster can hold a subnet at a time: clusters that run side by side need their own {@link
 * Builder#name(String)} and {@link Builder#subnet(String)}. {@link #start()} removes orphans (clusters of a JVM that
 * is gone) with the same name or subnet.
 *
 * <p>Nodes are addressed by id ({@code "n1"}...). All methods are thread-safe enough for one nemesis thread plus
 * client threads: they only talk to the Docker daemon. {@link #close()} heals nothing but removes the
 * containers, the network and the volumes; a JVM shutdown hook does the same if the test forgets.
 */
public final class DockerCluster implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(DockerCluster.class);

  public static final int API_PORT = 7400;
  public static final int RAFT_PORT = 7401;
  public static final int GOSSIP_PORT = 7402;
  public static final String DATA_DIR = "/var/lib/synod";
  public static final String FAKETIME_DIR = "/var/lib/synod-faketime";
  public static final String FAKETIME_FILE = FAKETIME_DIR + "/offset";
  public static final String CLUSTER_ID = "chaos";
  /** Label on every container, volume and network a cluster creates; its value is the cluster's name. */
  public static final String LABEL = "dev.synod.chaos.cluster";
  /** Label holding the pid of the JVM that created the resource, so that only orphans are cleaned up. */
  public static final String OWNER_LABEL = "dev.synod.chaos.owner-pid";

  private static final Pattern SUBNET = Pattern.compile("(\\d{1,3})\\.(\\d{1,3})\\.(\\d{1,3})\\.0/24");

  private final ClusterSpec spec;
  private final String prefix;
  private final NodeTable nodes;
  private final ClusterPki pki;
  private final DockerDaemon daemon = new DockerDaemon();
  private final ClusterNetwork network;
  private final NodeContainers containers;
  private final NodeFaults faults;
  private final NodeLogs logs;
  private final HealthProbe health;
  private final Thread shutdownHook;
  private volatile boolean closed;

  private DockerCluster(Builder cfg) {
    this.spec = new ClusterSpec(cfg.image, cfg.nodes, cfg.subnet, cfg.name, cfg.javaOpts, cfg.faketime,
        cfg.faketimeCacheSeconds, cfg.minQuorum, cfg.agentArgs, cfg.env);
    Matcher m = SUBNET.matcher(spec.subnet());
    if (!m.matches()) {
      throw new IllegalArgumentException("subnet: " + spec.subnet() + " (expected: a.b.c.0/24)");
    }
    this.prefix = m.group(1) + "." + m.group(2) + "." + m.group(3) + ".";
    this.nodes = new NodeTable(spec, prefix);
    this.pki = new ClusterPki(nodes);
    this.network = new ClusterNetwork(daemon, spec, nodes);
    this.containers = new NodeContainers(daemon, spec, nodes, pki);
    this.faults = new NodeFaults(daemon, spec, nodes, containers, network);
    this.logs = new NodeLogs(daemon, nodes);
    this.health = new HealthProbe(nodes, containers, faults, logs, pki);
    this.shutdownHook = new Thread(this::closeQuietly, "docker-cluster-shutdown");
  }

  /** A cluster of {@code image} (for example {@link ChaosImages#nodeImage()}); defaults: 5 nodes, 10.77.0.0/24. */
  public static Builder builder(String image) {
    return new Builder(image);
  }

  // ---- lifecycle ----

  /**
   * Removes leftovers of an earlier run with the same name, issues the run's certificates, creates the network,
   * volumes and containers, and starts every node. Returns without waiting for health; see {@link #awaitHealthy}.
   */
  public synchronized DockerCluster start() {
    if (daemon.connected()) {
      throw new IllegalStateException("already started");
    }
    daemon.connect();
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    daemon.requireImage(spec.image());
    pki.issue();
    network.removeLeftovers();
    network.createNetwork(gatewayIp());
    for (NodeSlot n : nodes.all()) {
      network.createVolume(n);
      n.containerId = containers.create(n);
    }
    for (NodeSlot n : nodes.all()) {
      containers.start(n);
    }
    LOG.info("cluster {} started: {} nodes of {} on {} ({})", spec.name(), nodes.size(), spec.image(),
        spec.subnet(), String.join(", ", apiEndpoints()));
    return this;
  }

  /**
   * Heals every fault the cluster itself can see: unpauses paused nodes, starts stopped ones, flushes iptables
   * and resets the clock offset of every running node. Failures are logged, not thrown; returns how many steps
   * failed.
   */
  public int healAll() {
    return faults.healAll();
  }

  /** Removes the containers, the network, the volumes and the PKI directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (closed) {
      return;
    }
    closed = true;
    try {
      Runtime.getRuntime().removeShutdownHook(shutdownHook);
    } catch (IllegalStateException ignored) {
      // the JVM is shutting down: we are the hook
    }
    health.close();
    try {
      if (daemon.connected()) {
        for (NodeSlot n : nodes.all()) {
          if (n.containerId != null) {
            network.removeContainer(n.containerId);
          }
        }
        network.removeNetworkAndVolumes();
        daemon.close();
        LOG.info("cluster {} removed", spec.name());
      }
    } finally {
      pki.close(); // after the containers: their bind mounts point into it
    }
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.warn("closing cluster {} failed: {}", spec.name(), e.toString());
    }
  }

  // ---- topology ----

  /** Node ids in order: n1..nN. */
  public List<String> nodes() {
    return nodes.ids();
  }

  public int size() {
    return nodes.size();
  }

  /** The node's fixed address on the cluster network. */
  public String ip(String node) {
    return nodes.info(node).ip;
  }

  /** The host's address on the cluster network: where the test JVM's packets come from. */
  public String gatewayIp() {
    return prefix + "1";
  }

  public String subnet() {
    return spec.subnet();
  }

  public String image() {
    return spec.image();
  }

  public String name() {
    return spec.name();
  }

  public String networkName() {
    return spec.networkName();
  }

  /** {@code ip:7400} of node {@code node}. */
  public String apiEndpoint(String node) {
    return ip(node) + ":" + API_PORT;
  }

  /** {@code ip:7400} of every node, in node order. */
  public List<String> apiEndpoints() {
    return nodes.addresses(API_PORT);
  }

  /** {@code ip:7402} of every node, in node order. */
  public List<String> gossipAddresses() {
    return nodes.addresses(GOSSIP_PORT);
  }

  /** The node whose address is {@code ip}, if any. */
  public Optional<String> nodeAt(String ip) {
    return nodes.nodeAt(ip);
  }

  public String containerName(String node) {
    return nodes.info(node).container;
  }

  public String volumeName(String node) {
    return nodes.info(node).volume;
  }

  /** Whether nodes run under libfaketime (clock faults possible). */
  public boolean faketimeEnabled() {
    return spec.faketime();
  }

  // ---- faults ----

  /**
   * Runs {@code command} as root inside the node's container (which must be running and not paused) and waits
   * up to 60 s for it.
   */
  public ExecResult exec(String node, String... command) {
    return exec(node, Duration.ofSeconds(60), command);
  }

  public ExecResult exec(String node, Duration timeout, String... command) {
    return containers.exec(node, timeout, command);
  }

  /**
   * SIGKILLs the node's container (unpausing it first if paused: a frozen container cannot be killed). Its data
   * volume is kept; {@link #restart(String)} starts the same container again.
   */
  public void kill(String node) {
    faults.kill(node);
  }

  /** Starts the node's container again (no-op if it runs): same address, same data volume. */
  public void restart(String node) {
    faults.restart(node);
  }

  /** Freezes every process of the node ({@code docker pause}, cgroup freezer). */
  public void pause(String node) {
    faults.pause(node);
  }

  public void unpause(String node) {
    faults.unpause(node);
  }

  /**
   * Erases the node's data: SIGKILLs and removes its container, replaces its volume by an empty one and creates
   * the container again (same name, address and flags), stopped. {@link #restart(String)} then starts a node
   * with a fresh data directory.
   */
  public void wipe(String node) {
    faults.wipe(node);
  }

  /**
   * Shifts the node's wall clock as libfaketime sees it: {@code offset} is {@code +N} or {@code -N} seconds,
   * optionally with a unit {@code s}, {@code m}, {@code h} or {@code d} (e.g. {@code +30s}, {@code -10m}).
   * Processes see the change within the cache duration ({@link Builder#faketimeCacheSeconds(int)}).
   */
  public void setClockOffset(String node, String offset) {
    faults.setClockOffset(node, offset);
  }

  // ---- state ----

  public boolean isRunning(String node) {
    return containers.isRunning(node);
  }

  public boolean isPaused(String node) {
    return containers.isPaused(node);
  }

  /** Nodes whose container runs and is not paused. */
  public List<String> liveNodes() {
    return containers.liveNodes();
  }

  // ---- clients and health ----

  /** A client builder for {@code endpoints} ({@code ip:7400}), authenticated as admin over mutual TLS; after start. */
  public SynodClient.Builder clientBuilder(List<String> endpoints) {
    return pki.clientBuilder(endpoints);
  }

  /** A client over every node's API, for status probes; short deadline, no retries. Closed with the cluster. */
  public SynodClient probeClient() {
    return health.client();
  }

  /** The node's status, or empty if it does not answer within 2 s. */
  public Optional<StatusResponse> status(String node) {
    return health.status(node);
  }

  /** Nodes stopped on purpose by {@link #kill(String)} or {@link #wipe(String)} and not restarted since. */
  public Set<String> stoppedNodes() {
    return faults.stoppedNodes();
  }

  /**
   * Waits until every node reports {@code serving} (it knows a leader and has applied what is committed), except
   * paused nodes and nodes stopped on purpose ({@link #stoppedNodes()}). A node whose container exited by
   * itself counts as unhealthy. Throws with each node's last status when {@code timeout} passes.
   */
  public void awaitHealthy(Duration timeout) {
    health.awaitHealthy(timeout);
  }

  /** Waits until {@code node} reports serving. */
  public void awaitServing(String node, Duration timeout) {
    health.awaitServing(node, timeout);
  }

  /**
   * The current leader as the nodes report it: among live nodes that answer, the one with role {@code leader}
   * and the highest term; failing that, the leader id most nodes name in their response headers.
   */
  public Optional<String> leader() {
    return health.leader();
  }

  /** Waits until some node is leader and returns it. */
  public String awaitLeader(Duration timeout) {
    return health.awaitLeader(timeout);
  }

  // ---- logs ----

  /** Writes the node's container log (stdout and stderr, with Docker timestamps) to {@code dir/<node>.log}. */
  public Path logs(String node, Path dir) {
    return logs.logs(node, dir);
  }

  /** The last {@code lines} lines of the node's container log. */
  public String tail(String node, int lines) {
    return logs.tail(node, lines);
  }

  /** {@link #logs(String, Path)} for every node; failures are logged and skipped. */
  public List<Path> logsAll(Path dir) {
    return logs.logsAll(dir);
  }

  /**
   * Has every live (running, unpaused) node print a thread dump into its log, then waits a moment for the dumps
   * to be written; for runs that did not recover, before {@link #logsAll}. Returns the nodes asked.
   */
  public List<String> threadDumpsAll() {
    List<String> asked = logs.threadDumps(liveNodes());
    if (!asked.isEmpty()) {
      sleep(Duration.ofSeconds(2));
    }
    return asked;
  }

  static String faketimeLibrary() {
    String arch = System.getProperty("os.arch", "amd64");
    String triplet = switch (arch) {
      case "aarch64", "arm64" -> "aarch64-linux-gnu";
      default -> "x86_64-linux-gnu";
    };
    return "/usr/lib/" + triplet + "/faketime/libfaketime.so.1";
  }

  static void sleep(Duration d) {
    try {
      Thread.sleep(d.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted", e);
    }
  }

  /** Settings of a {@link DockerCluster}; every setter rejects a bad value at once. */
  public static final class Builder {
    private final String image;
    private int nodes = 5;
    private String subnet = "10.77.0.0/24";
    private String name = "synod-chaos";
    private String javaOpts = "-Xms64m -Xmx256m -Xss512k -XX:+UseG1GC -XX:MaxGCPauseMillis=50";
    private boolean faketime = true;
    private int faketimeCacheSeconds = 1;
    private int minQuorum = 3;
    private final List<String> agentArgs = new ArrayList<>();
    private final Map<String, String> env = new LinkedHashMap<>();

    private Builder(String image) {
      if (image == null || image.isBlank()) {
        throw new IllegalArgumentException("image: empty (expected e.g. synod/node:latest)");
      }
      this.image = image;
    }

    /** Number of translation nodes, 3..7; default 5. */
    public Builder nodes(int n) {
      if (n < 3 || n > 7) {
        throw new IllegalArgumentException("nodes: " + n + " (expected: 3..7)");
      }
      this.nodes = n;
      return this;
    }

    /** The network's subnet, {@code a.b.c.0/24}; default {@code 10.77.0.0/24}. Node nK gets {@code a.b.c.(10+K)}. */
    public Builder subnet(String cidr) {
      if (cidr == null || !SUBNET.matcher(cidr).matches()) {
        throw new IllegalArgumentException("subnet: " + cidr + " (expected: a.b.c.0/24)");
      }
      this.subnet = cidr;
      return this;
    }

    /** Prefix of container, network and volume names; default {@code synod-chaos}. */
    public Builder name(String name) {
      if (name == null || !name.matches("[a-z0-9][a-z0-9_.-]{0,40}")) {
        throw new IllegalArgumentException("name: " + name + " (expected: [a-z0-9][a-z0-9_.-]{0,40})");
      }
      this.name = name;
      return this;
    }

    /**
     * JVM flags of each node, passed as {@code JDK_JAVA_OPTIONS} (the agent rejects {@code SYNOD_JAVA_OPTS}, see
     * {@link DockerCluster}); default a 256 MiB heap. Empty: the launcher's defaults only.
     */
    public Builder javaOpts(String opts) {
      this.javaOpts = Objects.requireNonNull(opts, "javaOpts");
      return this;
    }

    /** Run nodes under libfaketime so clock faults work; default true. */
    public Builder faketime(boolean enabled) {
      this.faketime = enabled;
      return this;
    }

    /**
     * How long libfaketime caches the offset file, in seconds; 0 re-reads it on every clock call (measured: about
     * 24 µs per {@code System.currentTimeMillis()} instead of 0.3 µs with 1 s). Default 1.
     */
    public Builder faketimeCacheSeconds(int seconds) {
      if (seconds < 0 || seconds > 60) {
        throw new IllegalArgumentException("faketimeCacheSeconds: " + seconds + " (expected: 0..60)");
      }
      this.faketimeCacheSeconds = seconds;
      return this;
    }

    /** {@code --min-quorum}; default 3 so that the membership nemesis may remove a voter of 5. */
    public Builder minQuorum(int q) {
      if (q < 1 || q > 7) {
        throw new IllegalArgumentException("minQuorum: " + q + " (expected: 1..7)");
      }
      this.minQuorum = q;
      return this;
    }

    /** Extra flags appended to {@code synod agent}, e.g. {@code --election-timeout-min 500ms}. */
    public Builder agentArgs(String... args) {
      agentArgs.addAll(List.of(args));
      return this;
    }

    /** An extra environment variable of every node (e.g. a {@code SYNOD_*} setting). */
    public Builder env(String key, String value) {
      env.put(Objects.requireNonNull(key, "key"), Objects.requireNonNull(value, "value"));
      return this;
    }

    public DockerCluster build() {
      return new DockerCluster(this);
    }

    /** {@link #build()} then {@link DockerCluster#start()}. */
    public DockerCluster start() {
      return build().start();
    }
  }
}
