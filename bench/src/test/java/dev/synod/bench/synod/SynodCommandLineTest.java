package dev.synod.bench.synod;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class SynodCommandLineTest {
  private static final List<String> RATE_LIMITS = List.of(
      "--rate-limit-admin", "1000000", "--rate-limit-operator", "1000000", "--rate-limit-client", "1000000",
      "--rate-limit-edge", "1000000", "--rate-limit-file-server", "1000000", "--rate-limit-worker", "1000000",
      "--rate-limit-server", "1000000", "--rate-limit-anonymous", "1000000");

  @TempDir
  Path dir;
  private Path distribution;

  @BeforeEach
  void createDistribution() throws IOException {
    distribution = FakeDistribution.create(dir.resolve("dist"), "exit 0", "1.2.3");
  }

  @Test
  void aTlsMemberJoinsTheOthersWithItsOwnCertificateAndNoRateLimit() {
    SynodSettings s = SynodSettings.mutualTls(distribution, dir.resolve("run"));

    List<String> expected = new ArrayList<>(List.of(distribution.resolve("bin/synod").toString(), "agent",
        "--node-id", "node-1", "--cluster-id", "bench", "--data-dir", dir.resolve("run/node-1/data").toString(),
        "--bind-host", "127.0.0.1", "--api-port", "24791", "--raft-port", "24801", "--gossip-port", "24811",
        "--bootstrap-expect", "3", "--gossip-preset", "local",
        "--seeds", "127.0.0.1:24810,127.0.0.1:24812"));
    expected.addAll(RATE_LIMITS);
    expected.addAll(List.of("--tls-ca-file", dir.resolve("run/pki/ca.pem").toString(),
        "--tls-cert-file", dir.resolve("run/pki/node-1.pem").toString(),
        "--tls-key-file", dir.resolve("run/pki/node-1-key.pem").toString()));
    assertThat(SynodCommandLine.of(s, 1)).containsExactlyElementsOf(expected);
  }

  @Test
  void aPlaintextSingleMemberHasNoSeedsAndNoCertificates() {
    SynodSettings s = SynodSettings.plaintext(distribution, dir.resolve("run")).withMembers(1);

    assertThat(SynodCommandLine.of(s, 0)).contains("--insecure-dev").containsSequence("--bootstrap-expect", "1")
        .doesNotContain("--seeds", "--tls-ca-file", "--tls-cert-file", "--tls-key-file", "--tls-ca-key-file");
  }

  @Test
  void theHeapGoesThroughTheLaunchersVariableWithItsDefaultsKept() {
    assertThat(SynodCommandLine.environment())
        .isEqualTo(Map.of("SYNOD_JAVA_OPTS", "-Xms1g -Xmx1g -Xss512k -XX:+UseG1GC -XX:MaxGCPauseMillis=50"));
  }

  @Test
  void theShellLineQuotesTheVariablesValueNotItsName() {
    SynodSettings s = SynodSettings.plaintext(distribution, dir.resolve("run"));

    assertThat(SynodCommandLine.shellLine(s, 0)).startsWith(
        "SYNOD_JAVA_OPTS='-Xms1g -Xmx1g -Xss512k -XX:+UseG1GC -XX:MaxGCPauseMillis=50' "
            + distribution.resolve("bin/synod") + " agent --node-id node-0 ")
        .endsWith(" --rate-limit-anonymous 1000000 --insecure-dev");
  }
}
