package dev.synod.node.config;

import static dev.synod.node.config.ConfigKey.*;

import java.io.IOException;
import java.net.InetAddress;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

/**
 * The settings of one translation node ({@code synod agent}): immutable, and valid by construction. Build it
 * with {@link #builder()} or load it with {@link AgentConfigLoader}; unset values take the defaults of
 * {@link ConfigKey}.
 */
public final class AgentConfig {
  static final String NAME_PATTERN = "[a-z0-9][a-z0-9-_.]{0,62}";
  private static final Pattern NAME = Pattern.compile(NAME_PATTERN);
  private static final int MAX_VOTERS = 7;
  private static final int DEFAULT_MIN_QUORUM = 3;
  private static final long MIN_SNAPSHOT_THRESHOLD = 100;

  private final String nodeId;
  private final String clusterId;
  private final Path dataDir;
  private final String bindHost;
  private final String advertiseHost;
  private final int apiPort;
  private final int raftPort;
  private final int gossipPort;
  private final List<String> seeds;
  private final int bootstrapExpect;
  private final int minQuorum;
  private final Duration serverStabilizationTime;
  private final boolean deadServerCleanup;
  private final Duration leaseGrace;
  private final Duration leaseCheckInterval;
  private final GossipPreset gossipPreset;
  private final Duration electionTimeoutMin;
  private final Duration electionTimeoutMax;
  private final long snapshotThreshold;
  private final boolean enableReflection;
  private final Duration shutdownDrainTimeout;
  private final LogLevel logLevel;
  private final SecuritySettings security;

  AgentConfig(AgentConfigBuilder b) {
    // Checked in table order, so that the first error reported is predictable.
    nodeId = b.nodeId != null
        ? name(NODE_ID, b.nodeId, "")
        : name(NODE_ID, localHostName().toLowerCase(Locale.ROOT), "; the default is the host name, so set node-id");
    clusterId = name(CLUSTER_ID, or(b.clusterId, CLUSTER_ID, String.class), "");
    if (b.dataDir == null) {
      throw new ConfigException("data-dir: not set (expected: a directory path in data-dir, "
          + DATA_DIR.envVar() + " or " + DATA_DIR.flag() + ")", DATA_DIR);
    }
    dataDir = Path.of("").toAbsolutePath().resolve(b.dataDir).normalize();
    if (!dataDir.isAbsolute()) {
      throw ConfigException.invalid(DATA_DIR, dataDir, "an absolute path");
    }
    bindHost = host(BIND_HOST, or(b.bindHost, BIND_HOST, String.class));
    advertiseHost = b.advertiseHost != null ? host(ADVERTISE_HOST, b.advertiseHost) : bindHost;
    if (HostPort.isWildcard(advertiseHost)) {
      throw ConfigException.invalid(ADVERTISE_HOST, advertiseHost, "an address other nodes can reach, not 0.0.0.0 or ::"
          + (b.advertiseHost == null ? "; it defaults to bind-host, so set advertise-host" : ""));
    }
    apiPort = (int) range(API_PORT, or(b.apiPort, API_PORT, Long.class), 1, 65535);
    raftPort = (int) range(RAFT_PORT, or(b.raftPort, RAFT_PORT, Long.class), 1, 65535);
    gossipPort = (int) range(GOSSIP_PORT, or(b.gossipPort, GOSSIP_PORT, Long.class), 1, 65535);
    distinct(RAFT_PORT, raftPort, API_PORT, apiPort);
    distinct(GOSSIP_PORT, gossipPort, API_PORT, apiPort);
    distinct(GOSSIP_PORT, gossipPort, RAFT_PORT, raftPort);
    seeds = List.copyOf(b.seeds != null ? b.seeds : List.of());
    for (String seed : seeds) {
      if (HostPort.parse(seed).isEmpty()) {
        throw ConfigException.invalid(SEEDS, seed, "host:port with port 1..65535, IPv6 as [::1]:7402");
      }
    }
    bootstrapExpect = (int) range(BOOTSTRAP_EXPECT, or(b.bootstrapExpect, BOOTSTRAP_EXPECT, Long.class), 0, MAX_VOTERS);
    minQuorum = b.minQuorum != null
        ? (int) range(MIN_QUORUM, b.minQuorum, 1, MAX_VOTERS)
        : bootstrapExpect > 0 ? bootstrapExpect : DEFAULT_MIN_QUORUM;
    serverStabilizationTime =
        positive(SERVER_STABILIZATION_TIME, or(b.serverStabilizationTime, SERVER_STABILIZATION_TIME, Duration.class));
    deadServerCleanup = or(b.deadServerCleanup, DEAD_SERVER_CLEANUP, Boolean.class);
    leaseGrace = positive(LEASE_GRACE, or(b.leaseGrace, LEASE_GRACE, Duration.class));
    leaseCheckInterval = positive(LEASE_CHECK_INTERVAL, or(b.leaseCheckInterval, LEASE_CHECK_INTERVAL, Duration.class));
    if (leaseCheckInterval.compareTo(leaseGrace) >= 0) {
      throw ConfigException.invalid(LEASE_CHECK_INTERVAL, leaseCheckInterval,
          "< lease-grace " + DurationText.format(leaseGrace));
    }
    gossipPreset = or(b.gossipPreset, GOSSIP_PRESET, GossipPreset.class);
    electionTimeoutMin = positive(ELECTION_TIMEOUT_MIN, or(b.electionTimeoutMin, ELECTION_TIMEOUT_MIN, Duration.class));
    electionTimeoutMax = or(b.electionTimeoutMax, ELECTION_TIMEOUT_MAX, Duration.class);
    if (electionTimeoutMax.compareTo(electionTimeoutMin) <= 0) {
      throw ConfigException.invalid(ELECTION_TIMEOUT_MAX, electionTimeoutMax,
          "> election-timeout-min " + DurationText.format(electionTimeoutMin));
    }
    snapshotThreshold = or(b.snapshotThreshold, SNAPSHOT_THRESHOLD, Long.class);
    if (snapshotThreshold < MIN_SNAPSHOT_THRESHOLD) {
      throw ConfigException.invalid(SNAPSHOT_THRESHOLD, snapshotThreshold, ">= " + MIN_SNAPSHOT_THRESHOLD);
    }
    enableReflection = or(b.enableReflection, ENABLE_REFLECTION, Boolean.class);
    shutdownDrainTimeout = or(b.shutdownDrainTimeout, SHUTDOWN_DRAIN_TIMEOUT, Duration.class);
    if (shutdownDrainTimeout.isNegative()) {
      throw ConfigException.invalid(SHUTDOWN_DRAIN_TIMEOUT, shutdownDrainTimeout, ">= 0s");
    }
    logLevel = or(b.logLevel, LOG_LEVEL, LogLevel.class);
    security = SecuritySettings.from(b);
  }

  public static AgentConfigBuilder builder() {
    return new AgentConfigBuilder();
  }

  /** A builder holding every value of this config, to derive a changed copy. */
  public AgentConfigBuilder toBuilder() {
    AgentConfigBuilder b = new AgentConfigBuilder();
    for (ConfigKey key : ConfigKey.values()) {
      b.set(key, value(key));
    }
    return b;
  }

  public String nodeId() { return nodeId; }
  public String clusterId() { return clusterId; }
  /** Always absolute and normalized. */
  public Path dataDir() { return dataDir; }
  public String bindHost() { return bindHost; }
  public String advertiseHost() { return advertiseHost; }
  public int apiPort() { return apiPort; }
  public int raftPort() { return raftPort; }
  public int gossipPort() { return gossipPort; }
  /** Gossip addresses of other nodes, each a valid {@code host:port}. */
  public List<String> seeds() { return seeds; }
  /** 0 means "do not bootstrap; join an existing cluster". */
  public int bootstrapExpect() { return bootstrapExpect; }
  public int minQuorum() { return minQuorum; }
  public Duration serverStabilizationTime() { return serverStabilizationTime; }
  public boolean deadServerCleanup() { return deadServerCleanup; }
  public Duration leaseGrace() { return leaseGrace; }
  public Duration leaseCheckInterval() { return leaseCheckInterval; }
  public GossipPreset gossipPreset() { return gossipPreset; }
  public Duration electionTimeoutMin() { return electionTimeoutMin; }
  public Duration electionTimeoutMax() { return electionTimeoutMax; }
  public long snapshotThreshold() { return snapshotThreshold; }
  public boolean enableReflection() { return enableReflection; }
  public Duration shutdownDrainTimeout() { return shutdownDrainTimeout; }
  public LogLevel logLevel() { return logLevel; }
  /** TLS files, the built-in CA and rate limits. */
  public SecuritySettings security() { return security; }

  /** The effective value of a setting, typed as its accessor returns it. */
  public Object value(ConfigKey key) {
    return switch (key) {
      case NODE_ID -> nodeId;
      case CLUSTER_ID -> clusterId;
      case DATA_DIR -> dataDir;
      case BIND_HOST -> bindHost;
      case ADVERTISE_HOST -> advertiseHost;
      case API_PORT -> apiPort;
      case RAFT_PORT -> raftPort;
      case GOSSIP_PORT -> gossipPort;
      case SEEDS -> seeds;
      case BOOTSTRAP_EXPECT -> bootstrapExpect;
      case MIN_QUORUM -> minQuorum;
      case SERVER_STABILIZATION_TIME -> serverStabilizationTime;
      case DEAD_SERVER_CLEANUP -> deadServerCleanup;
      case LEASE_GRACE -> leaseGrace;
      case LEASE_CHECK_INTERVAL -> leaseCheckInterval;
      case GOSSIP_PRESET -> gossipPreset;
      case ELECTION_TIMEOUT_MIN -> electionTimeoutMin;
      case ELECTION_TIMEOUT_MAX -> electionTimeoutMax;
      case SNAPSHOT_THRESHOLD -> snapshotThreshold;
      case ENABLE_REFLECTION -> enableReflection;
      case SHUTDOWN_DRAIN_TIMEOUT -> shutdownDrainTimeout;
      case LOG_LEVEL -> logLevel;
      default -> security.value(key);
    };
  }

  @Override
  public boolean equals(Object o) {
    return o instanceof AgentConfig other
        && Arrays.stream(ConfigKey.values()).allMatch(k -> value(k).equals(other.value(k)));
  }

  @Override
  public int hashCode() {
    return Arrays.stream(ConfigKey.values()).map(this::value).toList().hashCode();
  }

  /** Every setting as {@code key=value}, e.g. for the startup log. */
  @Override
  public String toString() {
    return Arrays.stream(ConfigKey.values())
        .map(k -> k.yamlKey() + "=" + ConfigException.show(value(k)))
        .collect(Collectors.joining(", ", "AgentConfig{", "}"));
  }

  static <T> T or(T value, ConfigKey key, Class<T> type) {
    return value != null ? value : type.cast(key.literalDefault().orElseThrow());
  }

  private static String name(ConfigKey key, String value, String hint) {
    if (!NAME.matcher(value).matches()) {
      throw ConfigException.invalid(key, value, NAME_PATTERN + hint);
    }
    return value;
  }

  private static String host(ConfigKey key, String value) {
    if (!HostPort.isHost(value)) {
      throw ConfigException.invalid(key, value, "a host name or IP address");
    }
    return value;
  }

  static long range(ConfigKey key, long value, long min, long max) {
    if (value < min || value > max) {
      throw ConfigException.invalid(key, value, min + ".." + max);
    }
    return value;
  }

  private static void distinct(ConfigKey key, int port, ConfigKey otherKey, int otherPort) {
    if (port == otherPort) {
      throw ConfigException.invalid(key, port, "different from " + otherKey.yamlKey() + " " + otherPort);
    }
  }

  private static Duration positive(ConfigKey key, Duration value) {
    if (value.isNegative() || value.isZero()) {
      throw ConfigException.invalid(key, value, "> 0s");
    }
    return value;
  }

  /** The kernel's host name without a DNS lookup where possible (Linux), else the JDK's. */
  private static String localHostName() {
    try {
      String name = Files.readString(Path.of("/proc/sys/kernel/hostname")).trim();
      if (!name.isEmpty()) {
        return name;
      }
    } catch (IOException | RuntimeException e) {
      // not Linux: fall through
    }
    try {
      return InetAddress.getLocalHost().getHostName();
    } catch (IOException e) {
      return "";
    }
  }
}
