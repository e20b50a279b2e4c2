package dev.synod.chaos.cluster;

import com.github.dockerjava.api.DockerClient;
import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.CreateContainerResponse;
import com.github.dockerjava.api.command.ExecCreateCmdResponse;
import com.github.dockerjava.api.command.InspectContainerResponse;
import com.github.dockerjava.api.exception.ConflictException;
import com.github.dockerjava.api.exception.NotFoundException;
import com.github.dockerjava.api.exception.NotModifiedException;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Capability;
import com.github.dockerjava.api.model.Container;
import com.github.dockerjava.api.model.Frame;
import com.github.dockerjava.api.model.HostConfig;
import com.github.dockerjava.api.model.Network;
import com.github.dockerjava.api.model.Volume;
import dev.synod.client.SynodClient;
import dev.synod.proto.v1.StatusResponse;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Optional;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.testcontainers.DockerClientFactory;
import org.testcontainers.dockerclient.DockerClientProviderStrategy;

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
 *       lan}, plus {@link Builder#agentArgs(String...)}.
 *   <li>The test JVM reaches every node's API directly at {@code <ip>:7400} over the bridge (the host is the
 *       network's gateway, {@code <prefix>.1}); no port is published.
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
  private static final Pattern OFFSET = Pattern.compile("[+-]\\d{1,9}(s|m|h|d)?");

  private final Builder cfg;
  private final String prefix;
  private final Map<String, NodeSlot> nodes = new LinkedHashMap<>();
  /** Nodes stopped on purpose ({@link #kill}, {@link #wipe}); any other stopped node is a crash. */
  private final java.util.Set<String> down = java.util.concurrent.ConcurrentHashMap.newKeySet();
  private final Thread shutdownHook;
  private DockerClient docker;
  private String networkId;

  private SynodClient probe;
  private volatile boolean closed;

  private static final class NodeSlot {
    final String id;
    final String ip;
    final String container;
    final String volume;
    volatile String containerId;

    NodeSlot(String id, String ip, String container, String volume) {
      this.id = id;
      this.ip = ip;
      this.container = container;
      this.volume = volume;
    }
  }

  private DockerCluster(Builder cfg) {
    this.cfg = cfg;
    Matcher m = SUBNET.matcher(cfg.subnet);
    if (!m.matches()) {
      throw new IllegalArgumentException("subnet: " + cfg.subnet + " (expected: a.b.c.0/24)");
    }
    this.prefix = m.group(1) + "." + m.group(2) + "." + m.group(3) + ".";
    for (int i = 1; i <= cfg.nodes; i++) {
      String id = "n" + i;
      nodes.put(id, new NodeSlot(id, prefix + (10 + i), cfg.name + "-" + id, cfg.name + "-" + id + "-data"));
    }
    this.shutdownHook = new Thread(this::closeQuietly, "docker-cluster-shutdown");
  }

  /** A cluster of {@code image} (for example {@link ChaosImages#nodeImage()}); defaults: 5 nodes, 10.77.0.0/24. */
  public static Builder builder(String image) {
    return new Builder(image);
  }

  // ---- lifecycle ----

  /**
   * Removes leftovers of an earlier run with the same name, creates the network, volumes and containers, and
   * starts every node. Returns without waiting for health; see {@link #awaitHealthy(Duration)}.
   */
  public synchronized DockerCluster start() {
    if (docker != null) {
      throw new IllegalStateException("already started");
    }
    try {
      // Testcontainers finds the daemon; its global client() is avoided on purpose: it starts Ryuk and, when the
      // JVM itself runs in a container, resolves the host address by running alpine, and nothing can be pulled.
      docker = DockerClientProviderStrategy.getClientForConfig(DockerClientFactory.instance().getTransportConfig());
      docker.pingCmd().exec();
    } catch (RuntimeException e) {
      throw new ClusterException("Docker is not available (" + e.getMessage() + "); install docker.io and start"
          + " dockerd (see .ci/run)", e);
    }
    Runtime.getRuntime().addShutdownHook(shutdownHook);
    try {
      docker.inspectImageCmd(cfg.image).exec();
    } catch (NotFoundException e) {
      throw new ClusterException("image " + cfg.image + " not found; build it with ChaosImages.nodeImage()"
          + " or deploy/build-node-image.sh", e);
    }
    removeLeftovers();
    Network.Ipam ipam = new Network.Ipam().withConfig(
        new Network.Ipam.Config().withSubnet(cfg.subnet).withGateway(gatewayIp()));
    try {
      networkId = docker.createNetworkCmd().withName(networkName()).withDriver("bridge").withIpam(ipam)
          .withCheckDuplicate(true).withLabels(labels()).exec().getId();
    } catch (RuntimeException e) {
      throw new ClusterException("cannot create network " + networkName() + " with subnet " + cfg.subnet + ": "
          + e.getMessage() + " (another network may use this subnet: docker network ls)", e);
    }
    for (NodeSlot n : nodes.values()) {
      docker.createVolumeCmd().withName(n.volume).withLabels(labels()).exec();
      n.containerId = createContainer(n);
    }
    for (NodeSlot n : nodes.values()) {
      docker.startContainerCmd(n.containerId).exec();
    }
    LOG.info("cluster {} started: {} nodes of {} on {} ({})", cfg.name, nodes.size(), cfg.image, cfg.subnet,
        String.join(", ", apiEndpoints()));
    return this;
  }

  private String createContainer(NodeSlot n) {
    List<String> args = new ArrayList<>(List.of(
        "--node-id", n.id, "--cluster-id", CLUSTER_ID, "--data-dir", DATA_DIR,
        "--bind-host", "0.0.0.0", "--advertise-host", n.ip,
        "--seeds", String.join(",", gossipAddresses()),
        "--bootstrap-expect", String.valueOf(nodes.size()),
        "--min-quorum", String.valueOf(cfg.minQuorum),
        "--gossip-preset", "lan"));
    args.addAll(cfg.agentArgs);
    List<String> env = new ArrayList<>();
    // JVM flags go through the java launcher's JDK_JAVA_OPTIONS: the agent refuses to start when it sees the
    // launcher's own SYNOD_JAVA_OPTS ("unknown environment variable SYNOD_JAVA_OPTS").
    if (!cfg.javaOpts.isBlank()) {
      env.add("JDK_JAVA_OPTIONS=" + cfg.javaOpts);
    }
    Map<String, String> tmpfs = null;
    if (cfg.faketime) {
      env.add("LD_PRELOAD=" + faketimeLibrary());
      env.add("FAKETIME_TIMESTAMP_FILE=" + FAKETIME_FILE);
      // The libfaketime README: without it a JVM usually hangs. Only the wall clock is faked; nanoTime is real.
      env.add("FAKETIME_DONT_FAKE_MONOTONIC=1");
      // Debian's libfaketime applies its "monotonic fix" to timed waits by default. Measured under it: `synod
      // --help` took 3 s instead of 0.4 s, Object.wait(1) returned at once, and 5 nodes formed no group in 60 s.
      env.add("FAKETIME_FORCE_MONOTONIC_FIX=0");
      if (cfg.faketimeCacheSeconds == 0) {
        env.add("FAKETIME_NO_CACHE=1");
      } else {
        env.add("FAKETIME_CACHE_DURATION=" + cfg.faketimeCacheSeconds);
      }
      // The offset file lives on a tmpfs that only root (docker exec) writes. Until it exists, and again after
      // every restart (a fresh tmpfs), libfaketime reports the real time; verified that a running JVM picks the
      // file up once it appears and drops the offset when it disappears.
      tmpfs = Map.of(FAKETIME_DIR, "rw,mode=0755,size=64k");
    }
    cfg.env.forEach((k, v) -> env.add(k + "=" + v));
    HostConfig host = HostConfig.newHostConfig()
        .withNetworkMode(networkName())
        .withCapAdd(Capability.NET_ADMIN)
        .withBinds(new Bind(n.volume, new Volume(DATA_DIR)))
        .withTmpFs(tmpfs);
    var create = docker.createContainerCmd(cfg.image)
        .withName(n.container)
        .withHostName(n.id)
        .withLabels(Map.of(LABEL, cfg.name, LABEL + ".node", n.id, OWNER_LABEL, ownerPid()))
        .withEnv(env)
        .withCmd(args)
        .withIpv4Address(n.ip)
        .withAliases(n.id)
        .withHostConfig(host);
    CreateContainerResponse r = create.exec();
    return r.getId();
  }

  /**
   * Removes what an earlier run left behind (a JVM killed before its shutdown hook ran): the containers, network
   * and volumes of a chaos cluster with this name or on this subnet, provided the process that created it (label
   * {@link #OWNER_LABEL}) is this one or is gone. A cluster of another live process is left alone, and then the
   * name or subnet clash fails with a clear message.
   */
  private void removeLeftovers() {
    java.util.Set<String> names = new java.util.TreeSet<>();
    List<Network> stale = new ArrayList<>();
    for (Network net : docker.listNetworksCmd().withFilter("label", List.of(LABEL)).exec()) {
      Map<String, String> labels = net.getLabels() == null ? Map.of() : net.getLabels();
      String owner = labels.get(LABEL);
      boolean sameSubnet = net.getIpam() != null && net.getIpam().getConfig() != null
          && net.getIpam().getConfig().stream().anyMatch(c -> cfg.subnet.equals(c.getSubnet()));
      if (!cfg.name.equals(owner) && !sameSubnet) {
        continue;
      }
      long pid = parsePid(labels.get(OWNER_LABEL));
      boolean ownerAlive = pid > 0 && pid != ProcessHandle.current().pid()
          && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false);
      if (ownerAlive) {
        throw new ClusterException("network " + net.getName() + " (cluster " + owner + ", subnet " + cfg.subnet
            + ") belongs to the running process " + pid + "; give this cluster another name(...) and subnet(...)");
      }
      stale.add(net);
      if (owner != null) {
        names.add(owner);
      }
    }
    names.add(cfg.name);
    for (String name : names) {
      for (Container c : docker.listContainersCmd().withShowAll(true).withLabelFilter(Map.of(LABEL, name)).exec()) {
        long pid = parsePid(c.getLabels() == null ? null : c.getLabels().get(OWNER_LABEL));
        if (pid > 0 && pid != ProcessHandle.current().pid()
            && ProcessHandle.of(pid).map(ProcessHandle::isAlive).orElse(false)) {
          throw new ClusterException("container " + List.of(c.getNames()) + " of cluster " + name
              + " belongs to the running process " + pid + "; give this cluster another name(...)");
        }
        LOG.warn("removing leftover container {} of an earlier run", List.of(c.getNames()));
        removeContainer(c.getId());
      }
    }
    for (Network net : stale) {
      LOG.warn("removing leftover network {}", net.getName());
      removeNetwork(net.getId());
    }
    for (String name : names) {
      var volumes = docker.listVolumesCmd().withFilter("label", List.of(LABEL + "=" + name)).exec().getVolumes();
      if (volumes != null) {
        for (var v : volumes) {
          removeVolume(v.getName());
        }
      }
    }
    for (NodeSlot n : nodes.values()) {
      removeVolume(n.volume);
    }
  }

  private Map<String, String> labels() {
    return Map.of(LABEL, cfg.name, OWNER_LABEL, ownerPid());
  }

  private static String ownerPid() {
    return String.valueOf(ProcessHandle.current().pid());
  }

  private static long parsePid(String label) {
    try {
      return label == null ? -1 : Long.parseLong(label.strip());
    } catch (NumberFormatException e) {
      return -1;
    }
  }

  /**
   * Heals every fault the cluster itself can see: unpauses paused nodes, starts stopped ones, flushes iptables
   * and resets the clock offset of every running node. Failures are logged, not thrown; returns how many steps
   * failed.
   */
  public int healAll() {
    int failures = 0;
    for (String node : nodes()) {
      try {
        if (isPaused(node)) {
          unpause(node);
        }
        if (!isRunning(node)) {
          restart(node);
        }
      } catch (RuntimeException e) {
        failures++;
        LOG.warn("heal: cannot bring {} back: {}", node, e.toString());
      }
    }
    for (String node : nodes()) {
      try {
        if (isRunning(node) && !isPaused(node)) {
          exec(node, "iptables", "-w", "-F").orThrow("iptables -F on " + node);
          if (cfg.faketime) {
            setClockOffset(node, "+0");
          }
        }
      } catch (RuntimeException e) {
        failures++;
        LOG.warn("heal: cannot reset network or clock of {}: {}", node, e.toString());
      }
    }
    return failures;
  }

  /** Removes the containers, the network and the volumes. Idempotent. */
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
    if (probe != null) {
      probe.close();
    }
    if (docker == null) {
      return;
    }
    for (NodeSlot n : nodes.values()) {
      if (n.containerId != null) {
        removeContainer(n.containerId);
      }
    }
    if (networkId != null) {
      removeNetwork(networkId);
    }
    for (NodeSlot n : nodes.values()) {
      removeVolume(n.volume);
    }
    try {
      docker.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("closing the Docker client: {}", e.toString());
    }
    LOG.info("cluster {} removed", cfg.name);
  }

  private void closeQuietly() {
    try {
      close();
    } catch (RuntimeException e) {
      LOG.warn("closing cluster {} failed: {}", cfg.name, e.toString());
    }
  }

  // ---- topology ----

  /** Node ids in order: n1..nN. */
  public List<String> nodes() {
    return List.copyOf(nodes.keySet());
  }

  public int size() {
    return nodes.size();
  }

  /** The node's fixed address on the cluster network. */
  public String ip(String node) {
    return info(node).ip;
  }

  /** The host's address on the cluster network: where the test JVM's packets come from. */
  public String gatewayIp() {
    return prefix + "1";
  }

  public String subnet() {
    return cfg.subnet;
  }

  public String image() {
    return cfg.image;
  }

  public String name() {
    return cfg.name;
  }

  public String networkName() {
    return cfg.name + "-net";
  }

  /** {@code ip:7400} of node {@code node}. */
  public String apiEndpoint(String node) {
    return ip(node) + ":" + API_PORT;
  }

  /** {@code ip:7400} of every node, in node order. */
  public List<String> apiEndpoints() {
    return nodes.values().stream().map(n -> n.ip + ":" + API_PORT).toList();
  }

  /** {@code ip:7402} of every node, in node order. */
  public List<String> gossipAddresses() {
    return nodes.values().stream().map(n -> n.ip + ":" + GOSSIP_PORT).toList();
  }

  /** The node whose address is {@code ip}, if any. */
  public Optional<String> nodeAt(String ip) {
    return nodes.values().stream().filter(n -> n.ip.equals(ip)).map(n -> n.id).findFirst();
  }

  public String containerName(String node) {
    return info(node).container;
  }

  public String volumeName(String node) {
    return info(node).volume;
  }

  /** Whether nodes run under libfaketime (clock faults possible). */
  public boolean faketimeEnabled() {
    return cfg.faketime;
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
    NodeSlot n = slot(node);
    ExecCreateCmdResponse created = docker.execCreateCmd(n.containerId).withUser("root")
        .withAttachStdout(true).withAttachStderr(true).withCmd(command).exec();
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    try (ResultCallback.Adapter<Frame> cb = docker.execStartCmd(created.getId())
        .exec(new ResultCallback.Adapter<Frame>() {
          @Override
          public void onNext(Frame frame) {
            byte[] payload = frame.getPayload();
            switch (frame.getStreamType()) {
              case STDERR -> err.writeBytes(payload);
              default -> out.writeBytes(payload);
            }
          }
        })) {
      if (!cb.awaitCompletion(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        throw new ClusterException("exec " + String.join(" ", command) + " on " + node + " did not finish within "
            + timeout);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted during exec on " + node, e);
    } catch (IOException e) {
      throw new ClusterException("exec on " + node + ": " + e, e);
    }
    Long code = null;
    for (int i = 0; i < 50 && code == null; i++) {
      code = docker.inspectExecCmd(created.getId()).exec().getExitCodeLong();
      if (code == null) {
        sleep(Duration.ofMillis(20));
      }
    }
    return new ExecResult(code == null ? -1 : code.intValue(), out.toString(StandardCharsets.UTF_8),
        err.toString(StandardCharsets.UTF_8));
  }

  /**
   * SIGKILLs the node's container (unpausing it first if paused: a frozen container cannot be killed). Its data
   * volume is kept; {@link #restart(String)} starts the same container again.
   */
  public void kill(String node) {
    NodeSlot n = slot(node);
    if (isPaused(node)) {
      unpause(node);
    }
    try {
      down.add(node);
      docker.killContainerCmd(n.containerId).withSignal("SIGKILL").exec();
    } catch (ConflictException e) {
      // not running
    }
    awaitState(node, false, Duration.ofSeconds(30));
  }

  /** Starts the node's container again (no-op if it runs): same address, same data volume. */
  public void restart(String node) {
    NodeSlot n = slot(node);
    try {
      docker.startContainerCmd(n.containerId).exec();
    } catch (NotModifiedException e) {
      // already running
    }
    awaitState(node, true, Duration.ofSeconds(30));
    down.remove(node);
  }

  /** Freezes every process of the node ({@code docker pause}, cgroup freezer). */
  public void pause(String node) {
    try {
      docker.pauseContainerCmd(slot(node).containerId).exec();
    } catch (ConflictException e) {
      if (!isPaused(node)) {
        throw e;
      }
    }
  }

  public void unpause(String node) {
    try {
      docker.unpauseContainerCmd(slot(node).containerId).exec();
    } catch (ConflictException e) {
      if (isPaused(node)) {
        throw e;
      }
    }
  }

  /**
   * Erases the node's data: SIGKILLs and removes its container, replaces its volume by an empty one and creates
   * the container again (same name, address and flags), stopped. {@link #restart(String)} then starts a node
   * with a fresh data directory.
   */
  public void wipe(String node) {
    NodeSlot n = slot(node);
    down.add(node);
    removeContainer(n.containerId);
    removeVolume(n.volume);
    docker.createVolumeCmd().withName(n.volume).withLabels(labels()).exec();
    n.containerId = createContainer(n);
    LOG.info("{}: data wiped; container recreated (stopped)", node);
  }

  /**
   * Shifts the node's wall clock as libfaketime sees it: {@code offset} is {@code +N} or {@code -N} seconds,
   * optionally with a unit {@code s}, {@code m}, {@code h} or {@code d} (e.g. {@code +30s}, {@code -10m}).
   * Processes see the change within the cache duration ({@link Builder#faketimeCacheSeconds(int)}).
   */
  public void setClockOffset(String node, String offset) {
    if (!cfg.faketime) {
      throw new IllegalStateException("clock faults need a cluster built with faketime(true)");
    }
    if (!OFFSET.matcher(offset).matches()) {
      throw new IllegalArgumentException("offset: " + offset + " (expected: +N or -N with an optional s|m|h|d)");
    }
    // libfaketime reads plain seconds or m/h/d multipliers; "30s" is the same as "30".
    String spec = offset.endsWith("s") ? offset.substring(0, offset.length() - 1) : offset;
    exec(node, "sh", "-c", "echo '" + spec + "' > " + FAKETIME_FILE + ".tmp && mv " + FAKETIME_FILE + ".tmp "
        + FAKETIME_FILE).orThrow("writing the clock offset of " + node);
  }

  // ---- state ----

  public boolean isRunning(String node) {
    InspectContainerResponse.ContainerState s = state(node);
    return Boolean.TRUE.equals(s.getRunning());
  }

  public boolean isPaused(String node) {
    return Boolean.TRUE.equals(state(node).getPaused());
  }

  /** Nodes whose container runs and is not paused. */
  public List<String> liveNodes() {
    return nodes().stream().filter(n -> isRunning(n) && !isPaused(n)).toList();
  }

  private InspectContainerResponse.ContainerState state(String node) {
    return docker.inspectContainerCmd(slot(node).containerId).exec().getState();
  }

  private void awaitState(String node, boolean running, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (isRunning(node) != running) {
      if (System.nanoTime() > deadline) {
        throw new ClusterException(node + " did not " + (running ? "start" : "stop") + " within " + timeout);
      }
      sleep(Duration.ofMillis(50));
    }
  }

  // ---- health and leader ----

  /** A client over every node's API, for status probes; short deadline, no retries. Closed with the cluster. */
  public synchronized SynodClient probeClient() {
    if (probe == null) {
      probe = SynodClient.builder().endpoints(apiEndpoints()).deadline(Duration.ofSeconds(2)).maxRetries(0)
          .build();
    }
    return probe;
  }

  /** The node's status, or empty if it does not answer within 2 s. */
  public Optional<StatusResponse> status(String node) {
    try {
      return Optional.of(probeClient().status(apiEndpoint(node)));
    } catch (RuntimeException e) {
      return Optional.empty();
    }
  }

  /** Nodes stopped on purpose by {@link #kill(String)} or {@link #wipe(String)} and not restarted since. */
  public java.util.Set<String> stoppedNodes() {
    return java.util.Set.copyOf(down);
  }

  /**
   * Waits until every node reports {@code serving} (it knows a leader and has applied what is committed), except
   * paused nodes and nodes stopped on purpose ({@link #stoppedNodes()}). A node whose container exited by
   * itself counts as unhealthy. Throws with each node's last status when {@code timeout} passes.
   */
  public void awaitHealthy(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    Map<String, String> last = new LinkedHashMap<>();
    while (true) {
      last.clear();
      boolean all = true;
      for (String node : nodes()) {
        InspectContainerResponse.ContainerState st = state(node);
        if (!Boolean.TRUE.equals(st.getRunning())) {
          if (down.contains(node)) {
            last.put(node, "stopped");
          } else {
            throw new ClusterException(node + " exited by itself with code " + st.getExitCodeLong()
                + "; last lines of its log:\n" + tail(node, 30));
          }
          continue;
        }
        if (Boolean.TRUE.equals(st.getPaused())) {
          last.put(node, "paused");
          continue;
        }
        Optional<StatusResponse> s = status(node);
        boolean serving = s.map(StatusResponse::getServing).orElse(false);
        last.put(node, s.map(r -> r.getRaftRole() + " term " + r.getTerm() + (r.getServing() ? " serving"
            : " not serving")).orElse("no answer"));
        all &= serving;
      }
      if (all) {
        return;
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterException("cluster not healthy within " + timeout + ": " + last);
      }
      sleep(Duration.ofMillis(250));
    }
  }

  /** Waits until {@code node} reports serving. */
  public void awaitServing(String node, Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!status(node).map(StatusResponse::getServing).orElse(false)) {
      if (System.nanoTime() > deadline) {
        throw new ClusterException(node + " not serving within " + timeout + "; status: "
            + status(node).map(Object::toString).orElse("no answer"));
      }
      sleep(Duration.ofMillis(250));
    }
  }

  /**
   * The current leader as the nodes report it: among live nodes that answer, the one with role {@code leader}
   * and the highest term; failing that, the leader id most nodes name in their response headers.
   */
  public Optional<String> leader() {
    String best = null;
    long bestTerm = -1;
    Map<String, Integer> named = new LinkedHashMap<>();
    for (String node : liveNodes()) {
      Optional<StatusResponse> s = status(node);
      if (s.isEmpty()) {
        continue;
      }
      StatusResponse r = s.get();
      if ("leader".equals(r.getRaftRole()) && r.getTerm() > bestTerm) {
        best = node;
        bestTerm = r.getTerm();
      }
      String hint = r.getHeader().getLeaderId();
      if (!hint.isEmpty()) {
        named.merge(hint, 1, Integer::sum);
      }
    }
    if (best != null) {
      return Optional.of(best);
    }
    return named.entrySet().stream().max(Map.Entry.comparingByValue()).map(Map.Entry::getKey)
        .filter(nodes::containsKey);
  }

  /** Waits until some node is leader and returns it. */
  public String awaitLeader(Duration timeout) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<String> l = leader();
      if (l.isPresent()) {
        return l.get();
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterException("no leader within " + timeout);
      }
      sleep(Duration.ofMillis(250));
    }
  }

  // ---- logs ----

  /** Writes the node's container log (stdout and stderr, with Docker timestamps) to {@code dir/<node>.log}. */
  public Path logs(String node, Path dir) {
    NodeSlot n = slot(node);
    Path file = dir.resolve(node + ".log");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Files.createDirectories(dir);
      docker.logContainerCmd(n.containerId).withStdOut(true).withStdErr(true).withTimestamps(true).withTailAll()
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              synchronized (out) {
                out.writeBytes(frame.getPayload());
              }
            }
          }).awaitCompletion(60, TimeUnit.SECONDS);
      synchronized (out) {
        Files.write(file, out.toByteArray());
      }
    } catch (IOException e) {
      throw new ClusterException("cannot write " + file + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while copying the log of " + node, e);
    }
    return file;
  }

  /** The last {@code lines} lines of the node's container log. */
  public String tail(String node, int lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      docker.logContainerCmd(slot(node).containerId).withStdOut(true).withStdErr(true).withTail(lines)
          .exec(new ResultCallback.Adapter<Frame>() {
            @Override
            public void onNext(Frame frame) {
              synchronized (out) {
                out.writeBytes(frame.getPayload());
              }
            }
          }).awaitCompletion(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      return "(log unavailable: " + e + ")";
    }
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  /** {@link #logs(String, Path)} for every node; failures are logged and skipped. */
  public List<Path> logsAll(Path dir) {
    List<Path> files = new ArrayList<>();
    for (String node : nodes()) {
      try {
        files.add(logs(node, dir));
      } catch (RuntimeException e) {
        LOG.warn("cannot copy the log of {}: {}", node, e.toString());
      }
    }
    return Collections.unmodifiableList(files);
  }

  // ---- helpers ----

  /** The node's slot, started or not. */
  private NodeSlot info(String node) {
    NodeSlot n = nodes.get(Objects.requireNonNull(node, "node"));
    if (n == null) {
      throw new IllegalArgumentException("node: " + node + " (expected one of " + nodes.keySet() + ")");
    }
    return n;
  }

  /** The node's slot, which must have a container. */
  private NodeSlot slot(String node) {
    NodeSlot n = info(node);
    if (n.containerId == null) {
      throw new IllegalStateException("cluster not started");
    }
    return n;
  }

  private void removeContainer(String id) {
    try {
      docker.removeContainerCmd(id).withForce(true).withRemoveVolumes(false).exec();
    } catch (NotFoundException ignored) {
      // gone already
    } catch (RuntimeException e) {
      LOG.warn("cannot remove container {}: {}", id, e.toString());
    }
  }

  private void removeNetwork(String id) {
    try {
      docker.removeNetworkCmd(id).exec();
    } catch (NotFoundException ignored) {
      // gone already
    } catch (RuntimeException e) {
      LOG.warn("cannot remove network {}: {}", id, e.toString());
    }
  }

  private void removeVolume(String name) {
    try {
      docker.removeVolumeCmd(name).exec();
    } catch (NotFoundException ignored) {
      // gone already
    } catch (RuntimeException e) {
      LOG.warn("cannot remove volume {}: {}", name, e.toString());
    }
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
