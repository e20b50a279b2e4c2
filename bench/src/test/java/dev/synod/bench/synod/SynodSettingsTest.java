package dev.synod.bench.synod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynodSettingsTest {
  @TempDir
  Path dir;
  private Path distribution;

  @BeforeEach
  void createDistribution() throws IOException {
    distribution = FakeDistribution.create(dir.resolve("dist"), "exit 0", "1.2.3");
  }

  @Test
  void defaultsAreThreeMembersOnTheirOwnPorts() {
    SynodSettings tls = SynodSettings.mutualTls(distribution, dir.resolve("run"));

    assertThat(tls).isEqualTo(new SynodSettings(distribution, dir.resolve("run"), 3, 24790, true, "bench"));
    assertThat(SynodSettings.plaintext(distribution, dir.resolve("run")).tls()).isFalse();
    assertThat(tls.apiEndpoints()).containsExactly("127.0.0.1:24790", "127.0.0.1:24791", "127.0.0.1:24792");
    assertThat(tls.raftPort(2)).isEqualTo(24802);
    assertThat(tls.gossipPort(0)).isEqualTo(24810);
    assertThat(tls.logFile(1)).isEqualTo(dir.resolve("run/node-1/agent.log"));
    assertThat(tls.dataDir(1)).isEqualTo(dir.resolve("run/node-1/data"));
    assertThat(tls.pkiDir()).isEqualTo(dir.resolve("run/pki"));
    assertThat(tls.withMembers(5).withBasePort(30000).gossipPort(4)).isEqualTo(30024);
  }

  @Test
  void badSettingsAreNamedWithTheirLimits() {
    Path run = dir.resolve("run");
    assertThatThrownBy(() -> new SynodSettings(dir, run, 3, 24790, true, "bench"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("distribution: " + dir + " (expected: a directory with bin/synod, e.g. node/target/synod;"
            + " build it at the repository root with ./mvnw -B -pl node -am package -DskipTests)");
    assertThatThrownBy(() -> new SynodSettings(distribution, null, 3, 24790, true, "bench"))
        .hasMessage("baseDir: null (expected: a directory for data, logs and certificates)");
    assertThatThrownBy(() -> new SynodSettings(distribution, run, 0, 24790, true, "bench"))
        .hasMessage("members: 0 (expected: 1..7)");
    assertThatThrownBy(() -> new SynodSettings(distribution, run, 8, 24790, true, "bench"))
        .hasMessage("members: 8 (expected: 1..7)");
    assertThatThrownBy(() -> new SynodSettings(distribution, run, 3, 1023, true, "bench"))
        .hasMessage("basePort: 1023 (expected: 1024..65509)");
    assertThatThrownBy(() -> new SynodSettings(distribution, run, 3, 65510, true, "bench"))
        .hasMessage("basePort: 65510 (expected: 1024..65509)");
    assertThatThrownBy(() -> new SynodSettings(distribution, run, 3, 24790, true, "Bench_1"))
        .hasMessage("clusterId: Bench_1 (expected: 1..63 lowercase letters, digits or hyphens, not starting with a hyphen)");
    assertThatThrownBy(() -> SynodSettings.mutualTls(distribution, run).raftPort(3))
        .isInstanceOf(IndexOutOfBoundsException.class).hasMessage("member: 3 (expected: 0..2)");
  }

  @Test
  void theDefaultDistributionIsTheNamedOneOrTheFirstBuiltOne() throws IOException {
    Path root = dir.resolve("repo");
    Path module = Files.createDirectories(root.resolve("bench"));

    assertThat(SynodSettings.defaultDistribution("/opt/synod", module)).isEqualTo(Path.of("/opt/synod"));
    assertThatThrownBy(() -> SynodSettings.defaultDistribution(null, module))
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("no Synod distribution at " + module.resolve("node/target/synod") + " or "
            + root.resolve("node/target/synod") + " (expected: bin/synod in one of them; build it at the repository"
            + " root with ./mvnw -B -pl node -am package -DskipTests, or name one with -Dsynod.distribution=DIR)");

    FakeDistribution.create(root.resolve("node/target/synod"), "exit 0", "1.2.3");
    assertThat(SynodSettings.defaultDistribution("", module)).isEqualTo(root.resolve("node/target/synod"));
    assertThat(SynodSettings.defaultDistribution(null, root)).isEqualTo(root.resolve("node/target/synod"));
  }

  @Test
  void theDescriptionNamesWhatTheReportMustShow() throws IOException {
    String description = SynodSettings.mutualTls(distribution, dir.resolve("run")).describe();

    assertThat(description).startsWith("Synod 1.2.3 (" + distribution + "), 3 synod agent processes on 127.0.0.1")
        .contains("mutual TLS on API, Raft and gossip", "raft.server.log.unsafe-flush.enabled=false",
            "election timeout 0.5 s..1 s", "raised to 1000000 requests/s for every role",
            "SYNOD_JAVA_OPTS=\"-Xms1g -Xmx1g", "data on " + Files.getFileStore(dir).type());
    assertThat(SynodSettings.plaintext(distribution, dir.resolve("run")).describe()).contains("--insecure-dev");
  }
}
