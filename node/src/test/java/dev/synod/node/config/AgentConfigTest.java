package dev.synod.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class AgentConfigTest {
  private static final Path DATA = Path.of("/var/lib/synod");

  private static AgentConfigBuilder valid() {
    return tls(AgentConfig.builder().nodeId("n1").dataDir(DATA));
  }

  /** TLS file settings (only checked for presence here; the agent reads them at start). */
  private static AgentConfigBuilder tls(AgentConfigBuilder b) {
    return b.tlsCaFile(Path.of("/etc/synod/ca.pem")).tlsCertFile(Path.of("/etc/synod/n1.pem"))
        .tlsKeyFile(Path.of("/etc/synod/n1-key.pem"));
  }

  private static void rejects(AgentConfigBuilder builder, String message) {
    assertThatThrownBy(builder::build).isInstanceOf(ConfigException.class).hasMessage(message);
  }

  @Test
  void defaultsComeFromTheSettingsTable() {
    AgentConfig c = valid().build();
    assertThat(c.clusterId()).isEqualTo("synod");
    assertThat(c.bindHost()).isEqualTo("127.0.0.1");
    assertThat(c.advertiseHost()).isEqualTo("127.0.0.1");
    assertThat(List.of(c.apiPort(), c.raftPort(), c.gossipPort())).containsExactly(7400, 7401, 7402);
    assertThat(c.seeds()).isEmpty();
    assertThat(c.bootstrapExpect()).isZero();
    assertThat(c.minQuorum()).isEqualTo(3);
    assertThat(c.serverStabilizationTime()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.deadServerCleanup()).isTrue();
    assertThat(c.leaseGrace()).isEqualTo(Duration.ofSeconds(15));
    assertThat(c.leaseCheckInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.gossipPreset()).isEqualTo(GossipPreset.LAN);
    assertThat(c.electionTimeoutMin()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.electionTimeoutMax()).isEqualTo(Duration.ofSeconds(1));
    assertThat(c.snapshotThreshold()).isEqualTo(10_000);
    assertThat(c.enableReflection()).isFalse();
    assertThat(c.shutdownDrainTimeout()).isEqualTo(Duration.ofSeconds(10));
    assertThat(c.logLevel()).isEqualTo(LogLevel.INFO);
  }

  @Test
  void documentedLiteralDefaultsAreTheEffectiveValues() {
    AgentConfig c = valid().build();
    for (ConfigKey key : ConfigKey.values()) {
      if (key.literalDefault().isPresent()) {
        Object value = c.value(key);
        String shown = value instanceof String s ? s : ConfigException.show(value);
        assertThat(shown).as(key.yamlKey()).isEqualTo(key.defaultText());
      }
    }
  }

  @Test
  void nodeIdDefaultsToTheLowercasedHostName() {
    try {
      AgentConfig c = tls(AgentConfig.builder().dataDir(DATA)).build();
      assertThat(c.nodeId()).matches(AgentConfig.NAME_PATTERN).isLowerCase();
    } catch (ConfigException e) { // a host name outside the charset must be reported, telling to set node-id
      assertThat(e).hasMessageStartingWith("node-id: ").hasMessageEndingWith("so set node-id)");
    }
  }

  @Test
  void derivedDefaultsFollowTheirSource() {
    AgentConfig c = valid().bindHost("10.0.0.5").bootstrapExpect(5).build();
    assertThat(c.advertiseHost()).isEqualTo("10.0.0.5");
    assertThat(c.minQuorum()).isEqualTo(5);
    assertThat(valid().bootstrapExpect(5).minQuorum(2).build().minQuorum()).isEqualTo(2);
  }

  @Test
  void relativeDataDirIsResolvedAgainstTheWorkingDirectory() {
    AgentConfig c = valid().dataDir(Path.of("data/../state")).build();
    assertThat(c.dataDir()).isAbsolute().isEqualTo(Path.of("").toAbsolutePath().resolve("state"));
  }

  @Test
  void dataDirIsRequired() {
    rejects(AgentConfig.builder().nodeId("n1"),
        "data-dir: not set (expected: a directory path in data-dir, SYNOD_DATA_DIR or --data-dir)");
  }

  @Test
  void portOutOfRangeNamesTheLimit() {
    rejects(valid().apiPort(70000), "api-port: 70000 (expected: 1..65535)");
    rejects(valid().gossipPort(0), "gossip-port: 0 (expected: 1..65535)");
  }

  @Test
  void portsMustDiffer() {
    rejects(valid().raftPort(7400), "raft-port: 7400 (expected: different from api-port 7400)");
    rejects(valid().gossipPort(7401), "gossip-port: 7401 (expected: different from raft-port 7401)");
  }

  @Test
  void bootstrapExpectAndMinQuorumAreAtMostSevenVoters() {
    rejects(valid().bootstrapExpect(9), "bootstrap-expect: 9 (expected: 0..7)");
    rejects(valid().bootstrapExpect(-1), "bootstrap-expect: -1 (expected: 0..7)");
    rejects(valid().minQuorum(0), "min-quorum: 0 (expected: 1..7)");
  }

  @Test
  void electionTimeoutMaxMustExceedMin() {
    rejects(valid().electionTimeoutMax(Duration.ofMillis(400)),
        "election-timeout-max: 400ms (expected: > election-timeout-min 500ms)");
    rejects(valid().electionTimeoutMin(Duration.ofSeconds(1)),
        "election-timeout-max: 1s (expected: > election-timeout-min 1s)");
  }

  @Test
  void leaseCheckIntervalMustBeShorterThanGrace() {
    rejects(valid().leaseCheckInterval(Duration.ofSeconds(15)),
        "lease-check-interval: 15s (expected: < lease-grace 15s)");
    rejects(valid().leaseGrace(Duration.ZERO), "lease-grace: 0s (expected: > 0s)");
  }

  @Test
  void durationsMustNotBeNegative() {
    rejects(valid().shutdownDrainTimeout(Duration.ofSeconds(-1)), "shutdown-drain-timeout: PT-1S (expected: >= 0s)");
    assertThat(valid().shutdownDrainTimeout(Duration.ZERO).build().shutdownDrainTimeout()).isZero();
  }

  @Test
  void advertiseHostMustBeReachable() {
    rejects(valid().bindHost("0.0.0.0"), "advertise-host: \"0.0.0.0\" (expected: an address other nodes can reach,"
        + " not 0.0.0.0 or ::; it defaults to bind-host, so set advertise-host)");
    rejects(valid().advertiseHost("::"), "advertise-host: \"::\" (expected: an address other nodes can reach, not 0.0.0.0 or ::)");
    assertThat(valid().bindHost("0.0.0.0").advertiseHost("node1.example").build().advertiseHost()).isEqualTo("node1.example");
  }

  @Test
  void hostsMustBeNamesOrAddresses() {
    rejects(valid().bindHost("bad host"), "bind-host: \"bad host\" (expected: a host name or IP address)");
    rejects(valid().bindHost("300.1.1.1"), "bind-host: \"300.1.1.1\" (expected: a host name or IP address)");
  }

  @Test
  void namesAreLimitedToTheirCharset() {
    rejects(valid().nodeId("Node_1"), "node-id: \"Node_1\" (expected: [a-z0-9][a-z0-9-_.]{0,62})");
    rejects(valid().clusterId("x".repeat(64)), "cluster-id: \"" + "x".repeat(64) + "\" (expected: [a-z0-9][a-z0-9-_.]{0,62})");
  }

  @Test
  void seedsMustBeHostAndPort() {
    rejects(valid().seeds(List.of("node2:7402", "node3")),
        "seeds: \"node3\" (expected: host:port with port 1..65535, IPv6 as [::1]:7402)");
    rejects(valid().seeds(List.of("node2:99999")),
        "seeds: \"node2:99999\" (expected: host:port with port 1..65535, IPv6 as [::1]:7402)");
    assertThat(valid().seeds(List.of("10.0.0.2:7402", "[fd00::2]:7402")).build().seeds()).hasSize(2);
  }

  @Test
  void snapshotThresholdHasAFloor() {
    rejects(valid().snapshotThreshold(99), "snapshot-threshold: 99 (expected: >= 100)");
  }

  @Test
  void toBuilderRoundTripsEverySetting() {
    AgentConfig c = valid().seeds(List.of("a:1")).bootstrapExpect(3).gossipPreset(GossipPreset.LOCAL)
        .logLevel(LogLevel.DEBUG).enableReflection(true).build();
    assertThat(c.toBuilder().build()).isEqualTo(c).hasSameHashCodeAs(c);
    assertThat(c.toBuilder().apiPort(9000).build()).isNotEqualTo(c);
    assertThat(c.toString()).contains("api-port=7400", "seeds=[\"a:1\"]", "gossip-preset=local", "lease-grace=15s");
  }

  @Test
  void tlsFilesAreRequiredUnlessInsecureDevAndInsecureDevRefusesThem() {
    rejects(AgentConfig.builder().nodeId("n1").dataDir(DATA), "tls-ca-file: not set (expected: a PEM file in"
        + " tls-ca-file, SYNOD_TLS_CA_FILE or --tls-ca-file; for a plaintext development cluster pass --insecure-dev)");
    rejects(valid().tlsKeyFile(null), "tls-key-file: not set (expected: a PEM file in tls-key-file,"
        + " SYNOD_TLS_KEY_FILE or --tls-key-file; for a plaintext development cluster pass --insecure-dev)");
    rejects(valid().insecureDev(true), "tls-ca-file: \"/etc/synod/ca.pem\" (expected: no TLS file with"
        + " insecure-dev; drop insecure-dev to use TLS)");
    assertThat(AgentConfig.builder().nodeId("n1").dataDir(DATA).insecureDev(true).build().security().insecureDev())
        .isTrue();
  }

  @Test
  void securityLimitsNameTheirRange() {
    rejects(valid().tlsReloadInterval(java.time.Duration.ofMillis(10)), "tls-reload-interval: 10ms (expected: 100ms..1h)");
    rejects(valid().caLeafTtl(java.time.Duration.ofSeconds(5)), "ca-leaf-ttl: 5s (expected: 1m..365d)");
    rejects(valid().caSignRate(0), "ca-sign-rate: 0 (expected: 1..10000)");
    rejects(valid().rateLimit(ConfigKey.RATE_LIMIT_CLIENT, 0), "rate-limit-client: 0 (expected: 1..1000000)");
  }
}
