package dev.synod.node.config;

import static dev.synod.node.config.ValueType.BOOLEAN;
import static dev.synod.node.config.ValueType.DURATION;
import static dev.synod.node.config.ValueType.HOST_PORT_LIST;
import static dev.synod.node.config.ValueType.INTEGER;
import static dev.synod.node.config.ValueType.PATH;
import static dev.synod.node.config.ValueType.TEXT;

import java.util.Arrays;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.function.Function;
import java.util.stream.Collectors;

/**
 * The settings of {@code synod agent}, one row each: the single source of each setting's YAML key, variable,
 * flag, type, default and description. Defaults in {@link AgentConfig} are read from here; so are the flags of
 * {@link AgentCommand} and the table in {@code docs/configuration.md}.
 */
public enum ConfigKey {
  NODE_ID("node-id", TEXT, derived("host name, lowercased"),
      "Name of this node, unique in the cluster; matches " + AgentConfig.NAME_PATTERN + "."),
  CLUSTER_ID("cluster-id", TEXT, literal("synod"),
      "Name of the cluster this node belongs to; same characters as node-id."),
  DATA_DIR("data-dir", PATH, derived("required"),
      "Directory of the Raft log, snapshots and node state; a relative path is resolved against the working directory."),
  BIND_HOST("bind-host", TEXT, literal("127.0.0.1"),
      "Address that the API, Raft and gossip listeners bind to."),
  ADVERTISE_HOST("advertise-host", TEXT, derived("bind-host"),
      "Address that other nodes use to reach this one; must not be 0.0.0.0 or ::."),
  API_PORT("api-port", INTEGER, literal("7400"),
      "Port of the public gRPC API; 1..65535, distinct from the other ports."),
  RAFT_PORT("raft-port", INTEGER, literal("7401"),
      "Port of Raft replication; 1..65535, distinct from the other ports."),
  GOSSIP_PORT("gossip-port", INTEGER, literal("7402"),
      "Port of SWIM gossip among translation nodes; 1..65535, distinct from the other ports."),
  SEEDS("seeds", HOST_PORT_LIST, derived("none"),
      "Gossip addresses (host:port) of other nodes to join; a YAML list or a comma-separated string."),
  BOOTSTRAP_EXPECT("bootstrap-expect", INTEGER, literal("0"),
      "Voters to wait for before forming the first Raft group, 1..7; 0 joins an existing cluster instead."),
  MIN_QUORUM("min-quorum", INTEGER, derived("bootstrap-expect if > 0, else 3"),
      "Autopilot never removes a voter if that leaves fewer voters than this; 1..7."),
  SERVER_STABILIZATION_TIME("server-stabilization-time", DURATION, literal("10s"),
      "How long a learner must be healthy and caught up before promotion, and how long a failed server stays failed before cleanup; > 0."),
  DEAD_SERVER_CLEANUP("dead-server-cleanup", BOOLEAN, literal("true"),
      "Whether autopilot removes servers that stayed failed for server-stabilization-time."),
  LEASE_GRACE("lease-grace", DURATION, literal("15s"),
      "Grace period that every lease gets after a leader change before it can expire; > 0."),
  LEASE_CHECK_INTERVAL("lease-check-interval", DURATION, literal("1s"),
      "How often the leader looks for expired leases; > 0 and less than lease-grace."),
  GOSSIP_PRESET("gossip-preset", ValueType.GOSSIP_PRESET, literal("lan"),
      "Gossip timing preset: local (all nodes on one machine: 200 ms probes, about 3.5 s to declare a crashed"
          + " node dead among 3) or lan (1 s probes, then 1 × ceil(log2(n+1)) s of suspicion: 2 s among 3 nodes,"
          + " 3 s among 4-7)."),
  ELECTION_TIMEOUT_MIN("election-timeout-min", DURATION, literal("500ms"),
      "Lower bound of the randomized Raft election timeout; > 0. A follower checks for a silent leader once per"
          + " timeout, so a crashed leader is noticed after one to two timeouts (0.7-1.3 s among 3 nodes); the"
          + " leader heartbeats every election-timeout-min / 2."),
  ELECTION_TIMEOUT_MAX("election-timeout-max", DURATION, literal("1s"),
      "Upper bound of the randomized Raft election timeout; greater than election-timeout-min."),
  SNAPSHOT_THRESHOLD("snapshot-threshold", INTEGER, literal("10000"),
      "Log entries since the last snapshot that trigger a new one; at least 100. Applies pause only while the"
          + " state is captured; it is written in the background, and the log is purged once the file is durable."),
  ENABLE_REFLECTION("enable-reflection", BOOLEAN, literal("false"),
      "Serve gRPC server reflection on the API port."),
  SHUTDOWN_DRAIN_TIMEOUT("shutdown-drain-timeout", DURATION, literal("10s"),
      "How long shutdown waits for in-flight calls to finish; 0s does not wait."),
  LOG_LEVEL("log-level", ValueType.LOG_LEVEL, literal("info"),
      "Log level: trace, debug, info, warn or error."),
  INSECURE_DEV("insecure-dev", BOOLEAN, literal("false"),
      "Plaintext API, Raft and gossip with no authentication, every caller acting as admin; for local development only, never on a network."),
  TLS_CA_FILE("tls-ca-file", PATH, derived("required unless insecure-dev"),
      "PEM certificate of the cluster CA; peers and clients must present certificates it issued."),
  TLS_CERT_FILE("tls-cert-file", PATH, derived("required unless insecure-dev"),
      "PEM certificate of this node, with URI SAN spiffe://<cluster-id>/server/<name>; reloaded when it changes."),
  TLS_KEY_FILE("tls-key-file", PATH, derived("required unless insecure-dev"),
      "PEM private key of tls-cert-file; reloaded with it."),
  TLS_CA_KEY_FILE("tls-ca-key-file", PATH, derived("none"),
      "PEM private key of tls-ca-file; when set, this node replicates the CA through Raft so every node can sign CSRs."),
  TLS_RELOAD_INTERVAL("tls-reload-interval", DURATION, literal("5s"),
      "How often certificate and key files are checked for changes; 100ms..1h."),
  CA_LEAF_TTL("ca-leaf-ttl", DURATION, literal("24h"),
      "Lifetime of certificates the built-in CA signs (the most a caller may ask for); 1m..365d."),
  CA_SIGN_RATE("ca-sign-rate", INTEGER, literal("50"),
      "Certificates this node signs per second at most; 1..10000."),
  RATE_LIMIT_ADMIN("rate-limit-admin", INTEGER, literal("2000"),
      "Requests per second one admin identity may make; 1..1000000."),
  RATE_LIMIT_OPERATOR("rate-limit-operator", INTEGER, literal("2000"),
      "Requests per second one operator identity may make; 1..1000000."),
  RATE_LIMIT_CLIENT("rate-limit-client", INTEGER, literal("1000"),
      "Requests per second one client identity may make; 1..1000000."),
  RATE_LIMIT_EDGE("rate-limit-edge", INTEGER, literal("10000"),
      "Requests per second one web edge may make; 1..1000000."),
  RATE_LIMIT_FILE_SERVER("rate-limit-file-server", INTEGER, literal("500"),
      "Requests per second one file server may make; 1..1000000."),
  RATE_LIMIT_WORKER("rate-limit-worker", INTEGER, literal("500"),
      "Requests per second one worker may make; 1..1000000."),
  RATE_LIMIT_SERVER("rate-limit-server", INTEGER, literal("5000"),
      "Requests per second one translation node may make on another's API; 1..1000000."),
  RATE_LIMIT_ANONYMOUS("rate-limit-anonymous", INTEGER, literal("20"),
      "Requests per second from one host without credentials (ACL bootstrap, health checks); 1..1000000.");

  /** Variables of other Synod programs: the CLI's endpoints and credentials, and the launcher's JVM options. */
  static final Set<String> FOREIGN_VARIABLES = java.util.Set.of("SYNOD_ENDPOINTS", "SYNOD_JAVA_OPTS",
      "SYNOD_CA_FILE", "SYNOD_CERT_FILE", "SYNOD_KEY_FILE", "SYNOD_TOKEN");

  private static final Map<String, ConfigKey> BY_YAML_KEY = index(ConfigKey::yamlKey);
  private static final Map<String, ConfigKey> BY_ENV_VAR = index(ConfigKey::envVar);
  private static final Map<String, ConfigKey> BY_FLAG = index(ConfigKey::flag);

  private final String yamlKey;
  private final ValueType type;
  private final Default defaultValue;
  private final String description;

  ConfigKey(String yamlKey, ValueType type, Default defaultValue, String description) {
    this.yamlKey = yamlKey;
    this.type = type;
    this.defaultValue = defaultValue;
    this.description = description;
  }

  /** The key in the YAML file, e.g. {@code api-port}; also the name used in error messages. */
  public String yamlKey() {
    return yamlKey;
  }

  /** The environment variable, e.g. {@code SYNOD_API_PORT}. */
  public String envVar() {
    return "SYNOD_" + yamlKey.toUpperCase(Locale.ROOT).replace('-', '_');
  }

  /** The command-line flag, e.g. {@code --api-port}. */
  public String flag() {
    return "--" + yamlKey;
  }

  public ValueType type() {
    return type;
  }

  /** The default as documented: a literal value ({@code 7400}) or how it is derived ({@code bind-host}). */
  public String defaultText() {
    return defaultValue.text();
  }

  /** One line on what the setting does and its limits. */
  public String description() {
    return description;
  }

  /** The literal default converted to the type the builder takes, or empty if the default is derived. */
  Optional<Object> literalDefault() {
    return defaultValue.literal() ? Optional.of(type.convert(this, defaultValue.text())) : Optional.empty();
  }

  public static Optional<ConfigKey> byYamlKey(String yamlKey) {
    return Optional.ofNullable(BY_YAML_KEY.get(yamlKey));
  }

  public static Optional<ConfigKey> byEnvVar(String name) {
    return Optional.ofNullable(BY_ENV_VAR.get(name));
  }

  public static Optional<ConfigKey> byFlag(String flag) {
    return Optional.ofNullable(BY_FLAG.get(flag));
  }

  private static Map<String, ConfigKey> index(Function<ConfigKey, String> name) {
    return Arrays.stream(values()).collect(Collectors.toUnmodifiableMap(name, k -> k));
  }

  private static Default literal(String text) {
    return new Default(text, true);
  }

  private static Default derived(String text) {
    return new Default(text, false);
  }

  private record Default(String text, boolean literal) {}
}
