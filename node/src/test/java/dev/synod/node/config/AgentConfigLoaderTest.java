package dev.synod.node.config;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.assertj.core.api.AbstractThrowableAssert;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class AgentConfigLoaderTest {
  @TempDir Path dir;

  /** Flags every test needs, so that no test depends on the machine's host name or working directory. */
  private Map<String, String> flags(String... pairs) {
    Map<String, String> flags = new HashMap<>(Map.of("--node-id", "n1", "--data-dir", dir.toString(),
        "--tls-ca-file", "ca.pem", "--tls-cert-file", "n1.pem", "--tls-key-file", "n1-key.pem"));
    for (int i = 0; i < pairs.length; i += 2) {
      flags.put(pairs[i], pairs[i + 1]);
    }
    return flags;
  }

  private Path yaml(String text) throws IOException {
    return Files.writeString(dir.resolve("agent.yaml"), text);
  }

  private AgentConfig load(Path file, Map<String, String> env, Map<String, String> flags) {
    return AgentConfigLoader.load(Optional.ofNullable(file), env, withTls(file, env, flags));
  }

  /** Adds TLS file flags unless a source already sets TLS or insecure-dev, so each test states only its point. */
  private static Map<String, String> withTls(Path file, Map<String, String> env, Map<String, String> flags) {
    boolean tlsGiven = flags.keySet().stream().anyMatch(f -> f.startsWith("--tls-") || f.equals("--insecure-dev"))
        || env.keySet().stream().anyMatch(v -> v.startsWith("SYNOD_TLS_") || v.equals("SYNOD_INSECURE_DEV"));
    try {
      tlsGiven |= file != null && Files.isRegularFile(file) && Files.readString(file).contains("tls-");
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    if (tlsGiven) {
      return flags;
    }
    Map<String, String> all = new HashMap<>(flags);
    all.put("--tls-ca-file", "ca.pem");
    all.put("--tls-cert-file", "n1.pem");
    all.put("--tls-key-file", "n1-key.pem");
    return all;
  }

  private AbstractThrowableAssert<?, ? extends Throwable> loading(Path file, Map<String, String> env, Map<String, String> flags) {
    return assertThatThrownBy(() -> load(file, env, flags)).isInstanceOf(ConfigException.class);
  }

  @Test
  void flagsOverrideEnvironmentWhichOverridesYaml() throws IOException {
    Path file = yaml("api-port: 1000\nraft-port: 1001\ngossip-port: 1002\nlog-level: warn\n");
    AgentConfig c = load(file, Map.of("SYNOD_RAFT_PORT", "2001", "SYNOD_GOSSIP_PORT", "2002"),
        flags("--gossip-port", "3002"));
    assertThat(List.of(c.apiPort(), c.raftPort(), c.gossipPort())).containsExactly(1000, 2001, 3002);
    assertThat(c.logLevel()).isEqualTo(LogLevel.WARN);
  }

  @Test
  void yamlTakesTypedValuesListsAndDurations() throws IOException {
    Path file = yaml("""
        cluster-id: prod
        node-id: 010
        seeds:
          - node2:7402
          - "[fd00::3]:7402"
        bootstrap-expect: 3
        lease-grace: PT20S
        lease-check-interval: 500ms
        dead-server-cleanup: false
        gossip-preset: local
        snapshot-threshold: 250000
        """);
    AgentConfig c = load(file, Map.of(), Map.of("--data-dir", dir.toString()));
    assertThat(c.nodeId()).isEqualTo("010"); // text settings keep the scalar as written, not YAML's octal 8
    assertThat(c.clusterId()).isEqualTo("prod");
    assertThat(c.seeds()).containsExactly("node2:7402", "[fd00::3]:7402");
    assertThat(c.minQuorum()).isEqualTo(3);
    assertThat(c.leaseGrace()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.leaseCheckInterval()).isEqualTo(Duration.ofMillis(500));
    assertThat(c.deadServerCleanup()).isFalse();
    assertThat(c.gossipPreset()).isEqualTo(GossipPreset.LOCAL);
    assertThat(c.snapshotThreshold()).isEqualTo(250_000);
  }

  @Test
  void yamlScalarsAreReadAsWrittenExceptIntegersAndBooleans() throws IOException {
    loading(yaml("lease-grace: 1:30\n"), Map.of(), flags()).hasMessageStartingWith("lease-grace: \"1:30\" (expected: duration");
    loading(yaml("log-level: off\n"), Map.of(), flags()).hasMessageStartingWith("log-level: \"off\" (expected: one of");
    AgentConfig c = load(yaml("api-port: 0x1F40\nenable-reflection: yes\n"), Map.of(), flags());
    assertThat(c.apiPort()).isEqualTo(8000);
    assertThat(c.enableReflection()).isTrue();
  }

  @Test
  void seedsMayBeACommaSeparatedString() throws IOException {
    assertThat(load(yaml("seeds: \"a:1, b:2\"\n"), Map.of(), flags()).seeds()).containsExactly("a:1", "b:2");
    assertThat(load(null, Map.of("SYNOD_SEEDS", "c:3,d:4"), flags()).seeds()).containsExactly("c:3", "d:4");
  }

  @Test
  void emptyYamlFileSetsNothing() throws IOException {
    assertThat(load(yaml("# nothing yet\n"), Map.of(), flags()).apiPort()).isEqualTo(7400);
  }

  @Test
  void missingConfigFileNamesThePath() {
    Path missing = dir.resolve("nope.yaml");
    loading(missing, Map.of(), flags()).hasMessage("config file " + missing + ": not found");
  }

  @Test
  void configFileThatIsADirectoryIsRejected() {
    loading(dir, Map.of(), flags()).hasMessage("config file " + dir + ": is a directory, expected a YAML file");
  }

  @Test
  void malformedYamlNamesFileLineAndColumn() throws IOException {
    Path file = yaml("api-port: 7400\nraft-port: [7401\ngossip-port: 7402\n");
    loading(file, Map.of(), flags()).hasMessageStartingWith("config file " + file + ": malformed YAML at line 3, column ");
  }

  @Test
  void topLevelMustBeAMapping() throws IOException {
    Path file = yaml("- api-port: 7400\n");
    loading(file, Map.of(), flags())
        .hasMessage("config file " + file + ": expected a mapping of settings (key: value) at line 1, column 1");
  }

  @Test
  void unknownYamlKeySuggestsTheClosestKnownKey() throws IOException {
    Path file = yaml("bind-host: 127.0.0.1\napi-prot: 7400\n");
    loading(file, Map.of(), flags())
        .hasMessage("unknown key \"api-prot\" in config file " + file + " line 2, column 1 (did you mean api-port?)");
    loading(yaml("apiPort: 7400\n"), Map.of(), flags()).hasMessageEndingWith("(did you mean api-port?)");
    loading(yaml("zzzzzzzzzz: 1\n"), Map.of(), flags()).hasMessageNotContaining("did you mean");
  }

  @Test
  void duplicateYamlKeyIsRejected() throws IOException {
    Path file = yaml("api-port: 7400\napi-port: 7500\n");
    loading(file, Map.of(), flags()).hasMessage("duplicate key \"api-port\" in config file " + file + " line 2, column 1");
  }

  @Test
  void wrongTypeNamesFieldValueExpectedTypeAndWhere() throws IOException {
    Path file = yaml("bind-host: 127.0.0.1\napi-port: \"abc\"\n");
    loading(file, Map.of(), flags())
        .hasMessage("api-port: \"abc\" (expected: integer), from " + file + " line 2, column 11");
    loading(yaml("api-port: 7400.5\n"), Map.of(), flags()).hasMessageStartingWith("api-port: 7400.5 (expected: integer)");
    loading(yaml("enable-reflection: maybe\n"), Map.of(), flags())
        .hasMessageStartingWith("enable-reflection: \"maybe\" (expected: true or false)");
    loading(yaml("seeds: {a: 1}\n"), Map.of(), flags()).hasMessageStartingWith("seeds: {a=1} (expected: host:port list)");
    loading(yaml("log-level: loud\n"), Map.of(), flags())
        .hasMessageStartingWith("log-level: \"loud\" (expected: one of trace, debug, info, warn, error)");
    loading(yaml("api-port:\n"), Map.of(), flags()).hasMessageStartingWith("api-port: null (expected: integer)");
  }

  @Test
  void unsafeYamlTagsAreRefused() throws IOException {
    Path file = yaml("api-port: !!javax.script.ScriptEngineManager [x]\n");
    loading(file, Map.of(), flags()).hasMessageStartingWith("config file " + file + ": malformed YAML at line 1, column 11: ")
        .hasMessageContaining("javax.script.ScriptEngineManager");
    loading(yaml("api-port: !custom 7400\n"), Map.of(), flags()).hasMessageStartingWith("api-port: cannot read value");
  }

  @Test
  void outOfRangePortNamesTheLimitAndTheSource() {
    loading(null, Map.of(), flags("--api-port", "70000"))
        .hasMessage("api-port: 70000 (expected: 1..65535), from --api-port");
    loading(null, Map.of("SYNOD_API_PORT", "99999999999"), flags())
        .hasMessage("api-port: 99999999999 (expected: 1..65535), from SYNOD_API_PORT");
  }

  @Test
  void crossFieldErrorsSayWhereTheCheckedValueCameFrom() throws IOException {
    Path file = yaml("election-timeout-max: 400ms\n");
    loading(file, Map.of(), flags())
        .hasMessage("election-timeout-max: 400ms (expected: > election-timeout-min 500ms), from " + file + " line 1, column 23");
    loading(null, Map.of(), flags("--raft-port", "7400"))
        .hasMessage("raft-port: 7400 (expected: different from api-port 7400), from --raft-port");
  }

  @Test
  void badDurationNamesTheFieldAndTheAcceptedForms() {
    loading(null, Map.of("SYNOD_LEASE_GRACE", "soon"), flags())
        .hasMessage("lease-grace: \"soon\" (expected: duration such as 500ms, 10s, 2m, 1h or PT10S), from SYNOD_LEASE_GRACE");
    loading(null, Map.of(), flags("--lease-grace", "-5s"))
        .hasMessage("lease-grace: \"-5s\" (expected: duration >= 0 such as 500ms, 10s, 2m, 1h or PT10S), from --lease-grace");
    loading(null, Map.of("SYNOD_SERVER_STABILIZATION_TIME", "10"), flags())
        .hasMessageStartingWith("server-stabilization-time: \"10\" (expected: duration such as");
  }

  @Test
  void badSeedAddressIsNamed() {
    loading(null, Map.of(), flags("--seeds", "node2:7402,node3"))
        .hasMessage("seeds: \"node3\" (expected: host:port with port 1..65535, IPv6 as [::1]:7402), from --seeds");
  }

  @Test
  void bootstrapExpectOutOfRangeIsRejected() {
    loading(null, Map.of("SYNOD_BOOTSTRAP_EXPECT", "8"), flags())
        .hasMessage("bootstrap-expect: 8 (expected: 0..7), from SYNOD_BOOTSTRAP_EXPECT");
  }

  @Test
  void unknownSynodVariableIsAnErrorWithASuggestion() {
    loading(null, Map.of("SYNOD_API_PROT", "7400"), flags())
        .hasMessage("unknown environment variable SYNOD_API_PROT (did you mean SYNOD_API_PORT?)");
  }

  @Test
  void variablesOfOtherToolsAreIgnored() {
    AgentConfig c = load(null, Map.of("SYNOD_ENDPOINTS", "a:7400", "SYNOD_JAVA_OPTS", "-Xmx256m", "PATH", "/bin",
        "synod_api_port", "1"), flags());
    assertThat(c.apiPort()).isEqualTo(7400);
  }

  @Test
  void unknownFlagKeyIsAnErrorWithASuggestion() {
    loading(null, Map.of(), flags("--api-prot", "7400")).hasMessage("unknown flag --api-prot (did you mean --api-port?)");
  }

  @Test
  void relativeDataDirIsResolvedAgainstTheWorkingDirectory() {
    AgentConfig c = load(null, Map.of("SYNOD_DATA_DIR", "var/synod"), Map.of("--node-id", "n1"));
    assertThat(c.dataDir()).isEqualTo(Path.of("").toAbsolutePath().resolve("var/synod"));
  }

  @Test
  void everySettingCanBeSetFromEverySource() throws IOException {
    Map<ConfigKey, String> text = new HashMap<>();
    text.put(ConfigKey.NODE_ID, "n9");
    text.put(ConfigKey.CLUSTER_ID, "c9");
    text.put(ConfigKey.DATA_DIR, dir.resolve("d").toString());
    text.put(ConfigKey.BIND_HOST, "0.0.0.0");
    text.put(ConfigKey.ADVERTISE_HOST, "10.1.2.3");
    text.put(ConfigKey.API_PORT, "9000");
    text.put(ConfigKey.RAFT_PORT, "9001");
    text.put(ConfigKey.GOSSIP_PORT, "9002");
    text.put(ConfigKey.SEEDS, "a:1");
    text.put(ConfigKey.BOOTSTRAP_EXPECT, "5");
    text.put(ConfigKey.MIN_QUORUM, "4");
    text.put(ConfigKey.SERVER_STABILIZATION_TIME, "30s");
    text.put(ConfigKey.DEAD_SERVER_CLEANUP, "false");
    text.put(ConfigKey.LEASE_GRACE, "1m");
    text.put(ConfigKey.LEASE_CHECK_INTERVAL, "2s");
    text.put(ConfigKey.GOSSIP_PRESET, "local");
    text.put(ConfigKey.ELECTION_TIMEOUT_MIN, "150ms");
    text.put(ConfigKey.ELECTION_TIMEOUT_MAX, "300ms");
    text.put(ConfigKey.SNAPSHOT_THRESHOLD, "500");
    text.put(ConfigKey.ENABLE_REFLECTION, "true");
    text.put(ConfigKey.SHUTDOWN_DRAIN_TIMEOUT, "0s");
    text.put(ConfigKey.LOG_LEVEL, "debug");
    text.put(ConfigKey.INSECURE_DEV, "false");
    text.put(ConfigKey.TLS_CA_FILE, "/etc/synod/ca.pem");
    text.put(ConfigKey.TLS_CERT_FILE, "/etc/synod/n1.pem");
    text.put(ConfigKey.TLS_KEY_FILE, "/etc/synod/n1-key.pem");
    text.put(ConfigKey.TLS_CA_KEY_FILE, "/etc/synod/ca-key.pem");
    text.put(ConfigKey.TLS_RELOAD_INTERVAL, "2s");
    text.put(ConfigKey.CA_LEAF_TTL, "12h");
    text.put(ConfigKey.CA_SIGN_RATE, "7");
    text.put(ConfigKey.RATE_LIMIT_ADMIN, "11");
    text.put(ConfigKey.RATE_LIMIT_OPERATOR, "12");
    text.put(ConfigKey.RATE_LIMIT_CLIENT, "13");
    text.put(ConfigKey.RATE_LIMIT_EDGE, "14");
    text.put(ConfigKey.RATE_LIMIT_FILE_SERVER, "15");
    text.put(ConfigKey.RATE_LIMIT_WORKER, "16");
    text.put(ConfigKey.RATE_LIMIT_SERVER, "17");
    text.put(ConfigKey.RATE_LIMIT_ANONYMOUS, "18");
    assertThat(text).hasSize(ConfigKey.values().length);

    Map<String, String> env = new HashMap<>();
    Map<String, String> flags = new HashMap<>();
    StringBuilder yaml = new StringBuilder();
    text.forEach((k, v) -> {
      env.put(k.envVar(), v);
      flags.put(k.flag(), v);
      yaml.append(k.yamlKey()).append(": \"").append(v).append("\"\n");
    });
    AgentConfig fromEnv = load(null, env, Map.of());
    assertThat(load(yaml(yaml.toString()), Map.of(), Map.of())).isEqualTo(fromEnv);
    assertThat(load(null, Map.of(), flags)).isEqualTo(fromEnv);
    for (ConfigKey key : ConfigKey.values()) {
      Object value = fromEnv.value(key) instanceof Optional<?> o ? o.orElseThrow() : fromEnv.value(key);
      String shown = value instanceof String s ? s : value instanceof java.nio.file.Path p ? p.toString()
          : value instanceof List<?> l ? String.join(",", l.stream().map(String::valueOf).toList()) : ConfigException.show(value);
      assertThat(shown).as(key.yamlKey()).isEqualTo(text.get(key));
    }
  }
}
