package dev.synod.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.PrintWriter;
import java.io.StringWriter;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;
import picocli.CommandLine.Command;

class AgentCommandTest {
  @TempDir Path dir;

  private final AtomicReference<AgentConfig> started = new AtomicReference<>();
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private int run(Map<String, String> env, String... args) {
    CommandLine cli = new CommandLine(new AgentCommand(config -> {
      started.set(config);
      return 0;
    }, env));
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli.execute(args);
  }

  @Test
  void validInputStartsTheRunnerWithTheLoadedConfig() throws IOException {
    Path file = Files.writeString(dir.resolve("agent.yaml"), "api-port: 8000\nlease-grace: 20s\n");
    int code = run(Map.of("SYNOD_RAFT_PORT", "8001"), "--config", file.toString(), "--node-id", "n1",
        "--data-dir", dir.toString(), "--insecure-dev", "--gossip-port=8002", "--seeds", "a:1", "--seeds", "b:2", "--enable-reflection");
    assertThat(code).isZero();
    assertThat(err.toString()).isEmpty();
    AgentConfig c = started.get();
    assertThat(c.apiPort()).isEqualTo(8000);
    assertThat(c.raftPort()).isEqualTo(8001);
    assertThat(c.gossipPort()).isEqualTo(8002);
    assertThat(c.leaseGrace()).isEqualTo(Duration.ofSeconds(20));
    assertThat(c.seeds()).containsExactly("a:1", "b:2");
    assertThat(c.enableReflection()).isTrue();
  }

  @Test
  void runnerExitCodeIsTheCommandsExitCode() {
    CommandLine cli = new CommandLine(new AgentCommand(config -> 7, Map.of()));
    assertThat(cli.execute("--node-id", "n1", "--data-dir", dir.toString(), "--insecure-dev")).isEqualTo(7);
  }

  @Test
  void badValueExitsWithTwoAndOneErrorLineWithoutStackTrace() {
    int code = run(Map.of(), "--node-id", "n1", "--data-dir", dir.toString(), "--api-port", "70000");
    assertThat(code).isEqualTo(2);
    assertThat(started.get()).isNull();
    assertThat(err.toString()).isEqualTo("error: api-port: 70000 (expected: 1..65535), from --api-port" + System.lineSeparator());
    assertThat(err.toString()).doesNotContain("Exception", "\tat ");
  }

  @Test
  void badEnvironmentAndMissingFileAreReportedTheSameWay() {
    assertThat(run(Map.of("SYNOD_LEASE_GRACE", "soon"), "--node-id", "n1", "--data-dir", dir.toString())).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: lease-grace: \"soon\" (expected: duration");
    Path missing = dir.resolve("missing.yaml");
    assertThat(run(Map.of(), "--config", missing.toString())).isEqualTo(2);
    assertThat(err.toString()).contains("error: config file " + missing + ": not found");
  }

  @Test
  void unknownFlagIsAUsageErrorNamingTheFlag() {
    int code = run(Map.of(), "--node-id", "n1", "--data-dir", dir.toString(), "--api-prot", "7400");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).contains("Unknown option").contains("'--api-prot'").contains("Possible solutions: --api-port");
    assertThat(started.get()).isNull();
  }

  @Test
  void helpListsEveryFlagWithItsVariable() {
    assertThat(run(Map.of(), "--help")).isZero();
    for (ConfigKey key : ConfigKey.values()) {
      assertThat(out.toString()).contains(key.flag(), key.envVar());
    }
    assertThat(out.toString()).contains("--config");
  }

  @Test
  void worksAsASubcommand() {
    @Command(name = "synod")
    class Synod {}
    CommandLine cli = new CommandLine(new Synod());
    cli.addSubcommand("agent", new AgentCommand(config -> {
      started.set(config);
      return 0;
    }, Map.of()));
    cli.setErr(new PrintWriter(err, true));
    assertThat(cli.execute("agent", "--node-id", "n1", "--data-dir", dir.toString(), "--insecure-dev", "--api-port", "9100"))
        .as(err::toString).isZero();
    assertThat(started.get().apiPort()).isEqualTo(9100);
  }
}
