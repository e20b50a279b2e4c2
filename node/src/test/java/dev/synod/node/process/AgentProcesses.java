package dev.synod.node.process;

import static org.awaitility.Awaitility.await;

import dev.synod.client.SynodClient;
import dev.synod.proto.v1.StatusResponse;
import dev.synod.security.identity.Role;
import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.TlsCredentials;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Runs `synod agent` processes from the built distribution (node/target/synod) on loopback. */
final class AgentProcesses implements AutoCloseable {
  private final Path dist = Path.of(System.getProperty("synod.dist", "target/synod"));
  private final Path work;
  private final Map<String, Process> processes = new LinkedHashMap<>();
  private final Map<String, String> apiAddresses = new LinkedHashMap<>();
  private final Map<String, String[]> arguments = new LinkedHashMap<>();
  private TestPki pki;
  private TlsCredentials admin;

  AgentProcesses(Path work) {
    this.work = work;
  }

  /** The cluster's throwaway CA (cluster id "it"), created on first use. */
  TestPki pki() {
    if (pki == null) {
      pki = TestPki.create("it", work.resolve("pki"));
      admin = pki.clientCredentials(pki.issue(Role.ADMIN, "it-admin"));
    }
    return pki;
  }

  /** A client builder with the admin certificate for the given endpoints (all agents if none given). */
  SynodClient.Builder client(String... endpoints) {
    pki();
    return SynodClient.builder().endpoints(endpoints.length == 0 ? endpoints() : List.of(endpoints)).tls(admin);
  }

  /** The TLS flags of a server certificate for {@code nodeId}. */
  List<String> tlsFlags(String nodeId) {
    TestPki p = pki();
    p.write(nodeId, p.issue(Role.SERVER, nodeId));
    return List.of("--tls-ca-file", p.caFile().toString(), "--tls-ca-key-file", p.caKeyFile().toString(),
        "--tls-cert-file", p.certFile(nodeId).toString(), "--tls-key-file", p.keyFile(nodeId).toString());
  }

  Path synod() {
    return dist.resolve("bin/synod");
  }

  /** Starts n agents that bootstrap one cluster. */
  void startCluster(int n) throws IOException {
    List<int[]> ports = new ArrayList<>();
    for (int i = 0; i < n; i++) {
      ports.add(new int[] {freePort(), freePort(), freePort()});
    }
    List<String> seeds = ports.stream().map(p -> "127.0.0.1:" + p[2]).toList();
    for (int i = 0; i < n; i++) {
      String id = "node-" + (i + 1);
      int[] p = ports.get(i);
      Path dir = work.resolve(id);
      Files.createDirectories(dir);
      List<String> flags = new ArrayList<>(List.of("agent", "--node-id", id, "--cluster-id", "it",
          "--data-dir", dir.resolve("data").toString(), "--bind-host", "127.0.0.1",
          "--api-port", Integer.toString(p[0]), "--raft-port", Integer.toString(p[1]),
          "--gossip-port", Integer.toString(p[2]), "--seeds", String.join(",", seeds),
          "--bootstrap-expect", Integer.toString(n), "--gossip-preset", "local"));
      flags.addAll(tlsFlags(id));
      String[] args = flags.toArray(String[]::new);
      arguments.put(id, args);
      processes.put(id, start(dir.resolve("agent.log"), args));
      apiAddresses.put(id, "127.0.0.1:" + p[0]);
    }
  }

  /** Runs the synod binary with arguments, output to a log file. */
  Process start(Path log, String... args) throws IOException {
    return start(log, Map.of(), args);
  }

  /** Runs the synod binary with extra environment variables (such as SYNOD_JAVA_OPTS), output to a log file. */
  Process start(Path log, Map<String, String> env, String... args) throws IOException {
    List<String> command = new ArrayList<>();
    command.add(synod().toString());
    command.addAll(List.of(args));
    ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(log.toFile());
    builder.environment().putAll(env);
    return builder.start();
  }

  List<String> endpoints() {
    return List.copyOf(apiAddresses.values());
  }

  /** Starts a stopped agent again with the same flags and data directory; its log is appended to. */
  void restart(String nodeId) throws IOException {
    Path log = log(nodeId);
    List<String> command = new ArrayList<>();
    command.add(synod().toString());
    command.addAll(List.of(arguments.get(nodeId)));
    processes.put(nodeId, new ProcessBuilder(command).redirectErrorStream(true)
        .redirectOutput(ProcessBuilder.Redirect.appendTo(log.toFile())).start());
  }

  /** Copies every agent's log to {@code dir}, so a failed run can be read after its temp dir is gone. */
  void keepLogs(Path dir) throws IOException {
    Files.createDirectories(dir);
    for (String id : processes.keySet()) {
      if (Files.exists(log(id))) {
        Files.copy(log(id), dir.resolve(id + ".log"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      }
    }
  }

  String endpointOf(String nodeId) {
    return apiAddresses.get(nodeId);
  }

  Process process(String nodeId) {
    return processes.get(nodeId);
  }

  Path log(String nodeId) {
    return work.resolve(nodeId).resolve("agent.log");
  }

  /** Waits until every live agent reports serving and they agree on a leader; returns its id. */
  String awaitLeader(SynodClient client) {
    await().atMost(Duration.ofSeconds(120)).ignoreExceptions().until(() -> leader(client).isPresent());
    return leader(client).orElseThrow();
  }

  Optional<String> leader(SynodClient client) {
    String agreed = null;
    for (Map.Entry<String, String> e : apiAddresses.entrySet()) {
      if (!processes.get(e.getKey()).isAlive()) {
        continue;
      }
      StatusResponse s = client.status(e.getValue());
      if (!s.getServing() || s.getHeader().getLeaderId().isEmpty()) {
        return Optional.empty();
      }
      if (agreed != null && !agreed.equals(s.getHeader().getLeaderId())) {
        return Optional.empty();
      }
      agreed = s.getHeader().getLeaderId();
    }
    return Optional.ofNullable(agreed);
  }

  @Override
  public void close() {
    if (admin != null) {
      admin.close();
    }
    processes.values().forEach(Process::destroyForcibly);
    for (Process p : processes.values()) {
      try {
        p.waitFor();
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  static int freePort() {
    return dev.synod.security.testing.TestPorts.next();
  }
}
