package dev.synod.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.client.SynodClient;
import dev.synod.security.identity.Role;
import dev.synod.security.testing.TestPki;
import java.util.List;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The real binary given bad input: clear errors, and it stays up when it should. */
class AgentBadInputIT {
  @TempDir Path work;

  @Test
  void unknownFlagExitsWithUsageErrorNamingTheFlag() throws Exception {
    AgentProcesses agents = new AgentProcesses(work);
    Process p = agents.start(work.resolve("out.log"), "agent", "--data-dir", work.resolve("d").toString(),
        "--api-prot", "7400");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(Files.readString(work.resolve("out.log"))).contains("--api-prot").doesNotContain("\tat ");
  }

  @Test
  void malformedConfigFileExitsNamingTheFileAndLine() throws Exception {
    Path config = work.resolve("agent.yaml");
    Files.writeString(config, "node-id: n1\napi-port: [oops\n");
    Process p = new AgentProcesses(work).start(work.resolve("out.log"), "agent", "--config", config.toString(),
        "--data-dir", work.resolve("d").toString());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(Files.readString(work.resolve("out.log"))).contains("error:").contains(config.toString())
        .contains("line");
  }

  @Test
  void foreignDataDirectoryIsRefusedNamingBothClusters() throws Exception {
    Path data = work.resolve("data");
    Files.createDirectories(data);
    Files.writeString(data.resolve("synod-node.properties"), "cluster-id=other\nnode-id=n1\n");
    Process p = new AgentProcesses(work).start(work.resolve("out.log"), "agent", "--node-id", "n1",
        "--cluster-id", "mine", "--data-dir", data.toString(), "--api-port", Integer.toString(AgentProcesses.freePort()),
        "--raft-port", Integer.toString(AgentProcesses.freePort()),
        "--gossip-port", Integer.toString(AgentProcesses.freePort()), "--insecure-dev");
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(Files.readString(work.resolve("out.log"))).contains("belongs to cluster 'other'")
        .contains("cluster-id 'mine'");
  }

  @Test
  void unreachableSeedsKeepTheAgentRunningAndReportWhy() throws Exception {
    int api = AgentProcesses.freePort();
    int deadSeed = AgentProcesses.freePort();
    Process p = new AgentProcesses(work).start(work.resolve("out.log"), "agent", "--node-id", "n1",
        "--data-dir", work.resolve("d").toString(), "--api-port", Integer.toString(api),
        "--raft-port", Integer.toString(AgentProcesses.freePort()),
        "--gossip-port", Integer.toString(AgentProcesses.freePort()), "--seeds", "127.0.0.1:" + deadSeed,
        "--bootstrap-expect", "3", "--gossip-preset", "local", "--insecure-dev");
    try (SynodClient client = SynodClient.builder().endpoints("127.0.0.1:" + api).deadline(Duration.ofSeconds(3))
        .insecurePlaintext().build()) {
      org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(60)).ignoreExceptions()
          .until(() -> client.status() != null);
      assertThat(client.status().getServing()).isFalse();
      Thread.sleep(3_000);
      assertThat(p.isAlive()).isTrue();
      assertThat(Files.readString(work.resolve("out.log"))).contains("127.0.0.1:" + deadSeed)
          .contains("waiting for 3 servers");
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }

  @Test
  void missingTlsFilesAreRefusedNamingTheSettingAndTheWayOut() throws Exception {
    Process p = new AgentProcesses(work).start(work.resolve("out.log"), "agent", "--node-id", "n1",
        "--data-dir", work.resolve("d").toString());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(2);
    assertThat(Files.readString(work.resolve("out.log"))).contains("tls-ca-file: not set")
        .contains("--insecure-dev").doesNotContain("\tat ");
  }

  @Test
  void certificateWithoutTheServerRoleIsRefusedNamingTheFileAndIdentity() throws Exception {
    AgentProcesses agents = new AgentProcesses(work);
    TestPki pki = agents.pki();
    pki.write("w1", pki.issue(Role.WORKER, "w1"));
    Process p = agents.start(work.resolve("out.log"), "agent", "--node-id", "n1", "--cluster-id", "it",
        "--data-dir", work.resolve("d").toString(), "--api-port", Integer.toString(AgentProcesses.freePort()),
        "--raft-port", Integer.toString(AgentProcesses.freePort()),
        "--gossip-port", Integer.toString(AgentProcesses.freePort()),
        "--tls-ca-file", pki.caFile().toString(), "--tls-cert-file", pki.certFile("w1").toString(),
        "--tls-key-file", pki.keyFile("w1").toString());
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(Files.readString(work.resolve("out.log"))).contains("tls-cert-file")
        .contains("spiffe://it/worker/w1").contains("expected: spiffe://it/server/").doesNotContain("\tat ");
  }

  @Test
  void garbageKeyFileIsRefusedNamingTheSettingAndPath() throws Exception {
    AgentProcesses agents = new AgentProcesses(work);
    List<String> flags = agents.tlsFlags("n1");
    Path key = Path.of(flags.get(flags.indexOf("--tls-key-file") + 1));
    Files.writeString(key, "not a key");
    List<String> args = new java.util.ArrayList<>(List.of("agent", "--node-id", "n1", "--cluster-id", "it",
        "--data-dir", work.resolve("d").toString()));
    args.addAll(flags);
    Process p = agents.start(work.resolve("out.log"), args.toArray(String[]::new));
    assertThat(p.waitFor(60, TimeUnit.SECONDS)).isTrue();
    assertThat(p.exitValue()).isEqualTo(1);
    assertThat(Files.readString(work.resolve("out.log"))).contains("tls-key-file").contains(key.toString())
        .doesNotContain("\tat ");
  }
}
