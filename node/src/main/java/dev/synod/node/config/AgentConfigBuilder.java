package dev.synod.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/** Collects settings; {@link #build()} applies defaults and checks every value and their combinations. */
public final class AgentConfigBuilder {
  String nodeId;
  String clusterId;
  Path dataDir;
  String bindHost;
  String advertiseHost;
  // Integers are held as long so that an out-of-range input is reported as given, not wrapped.
  Long apiPort;
  Long raftPort;
  Long gossipPort;
  List<String> seeds;
  Long bootstrapExpect;
  Long minQuorum;
  Duration serverStabilizationTime;
  Boolean deadServerCleanup;
  Duration leaseGrace;
  Duration leaseCheckInterval;
  GossipPreset gossipPreset;
  Duration electionTimeoutMin;
  Duration electionTimeoutMax;
  Long snapshotThreshold;
  Boolean enableReflection;
  Duration shutdownDrainTimeout;
  LogLevel logLevel;
  Boolean insecureDev;
  Path tlsCaFile;
  Path tlsCertFile;
  Path tlsKeyFile;
  Path tlsCaKeyFile;
  Duration tlsReloadInterval;
  Duration caLeafTtl;
  Long caSignRate;
  final java.util.EnumMap<ConfigKey, Long> rateLimits = new java.util.EnumMap<>(ConfigKey.class);

  AgentConfigBuilder() {}

  public AgentConfigBuilder nodeId(String v) { nodeId = Objects.requireNonNull(v, "node-id"); return this; }
  public AgentConfigBuilder clusterId(String v) { clusterId = Objects.requireNonNull(v, "cluster-id"); return this; }
  /** A relative path is resolved against the working directory when the config is built. */
  public AgentConfigBuilder dataDir(Path v) { dataDir = Objects.requireNonNull(v, "data-dir"); return this; }
  public AgentConfigBuilder bindHost(String v) { bindHost = Objects.requireNonNull(v, "bind-host"); return this; }
  public AgentConfigBuilder advertiseHost(String v) { advertiseHost = Objects.requireNonNull(v, "advertise-host"); return this; }
  public AgentConfigBuilder apiPort(int v) { apiPort = (long) v; return this; }
  public AgentConfigBuilder raftPort(int v) { raftPort = (long) v; return this; }
  public AgentConfigBuilder gossipPort(int v) { gossipPort = (long) v; return this; }
  public AgentConfigBuilder seeds(List<String> v) { seeds = List.copyOf(v); return this; }
  public AgentConfigBuilder bootstrapExpect(int v) { bootstrapExpect = (long) v; return this; }
  public AgentConfigBuilder minQuorum(int v) { minQuorum = (long) v; return this; }
  public AgentConfigBuilder serverStabilizationTime(Duration v) { serverStabilizationTime = req(v, "server-stabilization-time"); return this; }
  public AgentConfigBuilder deadServerCleanup(boolean v) { deadServerCleanup = v; return this; }
  public AgentConfigBuilder leaseGrace(Duration v) { leaseGrace = req(v, "lease-grace"); return this; }
  public AgentConfigBuilder leaseCheckInterval(Duration v) { leaseCheckInterval = req(v, "lease-check-interval"); return this; }
  public AgentConfigBuilder gossipPreset(GossipPreset v) { gossipPreset = req(v, "gossip-preset"); return this; }
  public AgentConfigBuilder electionTimeoutMin(Duration v) { electionTimeoutMin = req(v, "election-timeout-min"); return this; }
  public AgentConfigBuilder electionTimeoutMax(Duration v) { electionTimeoutMax = req(v, "election-timeout-max"); return this; }
  public AgentConfigBuilder snapshotThreshold(long v) { snapshotThreshold = v; return this; }
  public AgentConfigBuilder enableReflection(boolean v) { enableReflection = v; return this; }
  public AgentConfigBuilder shutdownDrainTimeout(Duration v) { shutdownDrainTimeout = req(v, "shutdown-drain-timeout"); return this; }
  public AgentConfigBuilder logLevel(LogLevel v) { logLevel = req(v, "log-level"); return this; }
  public AgentConfigBuilder insecureDev(boolean v) { insecureDev = v; return this; }
  public AgentConfigBuilder tlsCaFile(Path v) { tlsCaFile = v; return this; }
  public AgentConfigBuilder tlsCertFile(Path v) { tlsCertFile = v; return this; }
  public AgentConfigBuilder tlsKeyFile(Path v) { tlsKeyFile = v; return this; }
  /** Null (the default) leaves the built-in CA to nodes that have the key, or to none. */
  public AgentConfigBuilder tlsCaKeyFile(Path v) { tlsCaKeyFile = v; return this; }
  public AgentConfigBuilder tlsReloadInterval(Duration v) { tlsReloadInterval = req(v, "tls-reload-interval"); return this; }
  public AgentConfigBuilder caLeafTtl(Duration v) { caLeafTtl = req(v, "ca-leaf-ttl"); return this; }
  public AgentConfigBuilder caSignRate(int v) { caSignRate = (long) v; return this; }
  /** Sets one of the rate-limit-* settings. */
  public AgentConfigBuilder rateLimit(ConfigKey key, long perSecond) {
    if (!key.yamlKey().startsWith("rate-limit-")) {
      throw new IllegalArgumentException(key.yamlKey() + " is not a rate limit");
    }
    rateLimits.put(key, perSecond);
    return this;
  }

  /** Sets a setting from a converted value ({@link ValueType#convert}) or from {@link AgentConfig#value}. */
  AgentConfigBuilder set(ConfigKey key, Object v) {
    return switch (key) {
      case NODE_ID -> nodeId((String) v);
      case CLUSTER_ID -> clusterId((String) v);
      case DATA_DIR -> dataDir((Path) v);
      case BIND_HOST -> bindHost((String) v);
      case ADVERTISE_HOST -> advertiseHost((String) v);
      case API_PORT -> { apiPort = asLong(v); yield this; }
      case RAFT_PORT -> { raftPort = asLong(v); yield this; }
      case GOSSIP_PORT -> { gossipPort = asLong(v); yield this; }
      case SEEDS -> seeds(castList(v));
      case BOOTSTRAP_EXPECT -> { bootstrapExpect = asLong(v); yield this; }
      case MIN_QUORUM -> { minQuorum = asLong(v); yield this; }
      case SERVER_STABILIZATION_TIME -> serverStabilizationTime((Duration) v);
      case DEAD_SERVER_CLEANUP -> deadServerCleanup((Boolean) v);
      case LEASE_GRACE -> leaseGrace((Duration) v);
      case LEASE_CHECK_INTERVAL -> leaseCheckInterval((Duration) v);
      case GOSSIP_PRESET -> gossipPreset((GossipPreset) v);
      case ELECTION_TIMEOUT_MIN -> electionTimeoutMin((Duration) v);
      case ELECTION_TIMEOUT_MAX -> electionTimeoutMax((Duration) v);
      case SNAPSHOT_THRESHOLD -> snapshotThreshold(asLong(v));
      case ENABLE_REFLECTION -> enableReflection((Boolean) v);
      case SHUTDOWN_DRAIN_TIMEOUT -> shutdownDrainTimeout((Duration) v);
      case LOG_LEVEL -> logLevel((LogLevel) v);
      case INSECURE_DEV -> insecureDev((Boolean) v);
      case TLS_CA_FILE -> tlsCaFile(optionalPath(v));
      case TLS_CERT_FILE -> tlsCertFile(optionalPath(v));
      case TLS_KEY_FILE -> tlsKeyFile(optionalPath(v));
      case TLS_CA_KEY_FILE -> tlsCaKeyFile(optionalPath(v));
      case TLS_RELOAD_INTERVAL -> tlsReloadInterval((Duration) v);
      case CA_LEAF_TTL -> caLeafTtl((Duration) v);
      case CA_SIGN_RATE -> { caSignRate = asLong(v); yield this; }
      case RATE_LIMIT_ADMIN, RATE_LIMIT_OPERATOR, RATE_LIMIT_CLIENT, RATE_LIMIT_EDGE, RATE_LIMIT_FILE_SERVER,
          RATE_LIMIT_WORKER, RATE_LIMIT_SERVER, RATE_LIMIT_ANONYMOUS -> rateLimit(key, asLong(v));
    };
  }

  /** Applies defaults and checks every setting and their combinations; throws {@link ConfigException}. */
  public AgentConfig build() {
    return new AgentConfig(this);
  }

  private static <T> T req(T v, String key) {
    return Objects.requireNonNull(v, key);
  }

  /** Optional paths arrive as a Path (from text) or as an Optional (from {@link AgentConfig#value}). */
  private static Path optionalPath(Object v) {
    return v instanceof java.util.Optional<?> o ? (Path) o.orElse(null) : (Path) v;
  }

  private static long asLong(Object v) {
    return ((Number) v).longValue();
  }

  @SuppressWarnings("unchecked")
  private static List<String> castList(Object v) {
    return (List<String>) v;
  }
}
