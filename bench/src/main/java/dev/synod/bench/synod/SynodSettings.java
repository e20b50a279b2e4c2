package dev.synod.bench.synod;

import dev.synod.bench.report.DataFileSystem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

/**
 * How the benchmark's Synod cluster runs: {@code members} {@code synod agent} processes of the built
 * distribution on 127.0.0.1, API ports from {@code basePort} (24790 by default, clear of the etcd
 * cluster's 23790..23809 and of the node tests' 7400s), Raft ports {@value #RAFT_PORT_OFFSET} above,
 * gossip ports {@value #GOSSIP_PORT_OFFSET} above; each member's data directory and log under
 * {@code baseDir/node-i}. With {@code tls}, mutual TLS on API, Raft and gossip; without, {@code --insecure-dev}.
 */
public record SynodSettings(Path distribution, Path baseDir, int members, int basePort, boolean tls, String clusterId) {
  public static final String HOST = "127.0.0.1";
  public static final int DEFAULT_MEMBERS = 3;
  public static final int DEFAULT_BASE_PORT = 24790;
  public static final String DEFAULT_CLUSTER_ID = "bench";
  /** The agent's own limit on bootstrap-expect. */
  public static final int MAX_MEMBERS = 7;
  public static final int RAFT_PORT_OFFSET = 10;
  public static final int GOSSIP_PORT_OFFSET = 20;
  public static final String DISTRIBUTION_PROPERTY = "synod.distribution";
  public static final String BUILD_COMMAND = "./mvnw -B -pl node -am package -DskipTests";
  private static final int MIN_PORT = 1024;
  private static final int MAX_BASE_PORT = 65535 - GOSSIP_PORT_OFFSET - (MAX_MEMBERS - 1);
  private static final String CLUSTER_ID = "[a-z0-9][a-z0-9-]{0,62}";

  public SynodSettings {
    if (distribution == null || !Files.isRegularFile(distribution.resolve("bin/synod"))) {
      throw new IllegalArgumentException("distribution: " + distribution + " (expected: a directory with bin/synod,"
          + " e.g. node/target/synod; build it at the repository root with " + BUILD_COMMAND + ")");
    }
    if (baseDir == null) {
      throw new IllegalArgumentException("baseDir: null (expected: a directory for data, logs and certificates)");
    }
    if (members < 1 || members > MAX_MEMBERS) {
      throw new IllegalArgumentException("members: " + members + " (expected: 1.." + MAX_MEMBERS + ")");
    }
    if (basePort < MIN_PORT || basePort > MAX_BASE_PORT) {
      throw new IllegalArgumentException("basePort: " + basePort + " (expected: " + MIN_PORT + ".." + MAX_BASE_PORT + ")");
    }
    if (clusterId == null || !clusterId.matches(CLUSTER_ID)) {
      throw new IllegalArgumentException("clusterId: " + clusterId
          + " (expected: 1..63 lowercase letters, digits or hyphens, not starting with a hyphen)");
    }
  }

  /**
   * The distribution named by the system property {@value #DISTRIBUTION_PROPERTY}, else the first of
   * {@code ./node/target/synod} (run from the repository root) and {@code ../node/target/synod} (run
   * from a module, as Maven's tests are) that holds {@code bin/synod}.
   *
   * @throws IllegalStateException when neither does, naming both and the build command
   */
  public static Path defaultDistribution() {
    return defaultDistribution(System.getProperty(DISTRIBUTION_PROPERTY), Path.of(""));
  }

  static Path defaultDistribution(String property, Path workingDir) {
    if (property != null && !property.isBlank()) {
      return Path.of(property);
    }
    List<Path> candidates = List.of(workingDir.resolve("node/target/synod").toAbsolutePath().normalize(),
        workingDir.resolve("../node/target/synod").toAbsolutePath().normalize());
    for (Path candidate : candidates) {
      if (Files.isRegularFile(candidate.resolve("bin/synod"))) {
        return candidate;
      }
    }
    throw new IllegalStateException("no Synod distribution at " + candidates.get(0) + " or " + candidates.get(1)
        + " (expected: bin/synod in one of them; build it at the repository root with " + BUILD_COMMAND
        + ", or name one with -D" + DISTRIBUTION_PROPERTY + "=DIR)");
  }

  /** Three members with mutual TLS on API, Raft and gossip, on the default ports. */
  public static SynodSettings mutualTls(Path distribution, Path baseDir) {
    return new SynodSettings(distribution, baseDir, DEFAULT_MEMBERS, DEFAULT_BASE_PORT, true, DEFAULT_CLUSTER_ID);
  }

  /** Three members in plaintext without authentication ({@code --insecure-dev}), on the default ports. */
  public static SynodSettings plaintext(Path distribution, Path baseDir) {
    return new SynodSettings(distribution, baseDir, DEFAULT_MEMBERS, DEFAULT_BASE_PORT, false, DEFAULT_CLUSTER_ID);
  }

  public SynodSettings withMembers(int n) {
    return new SynodSettings(distribution, baseDir, n, basePort, tls, clusterId);
  }

  public SynodSettings withBasePort(int port) {
    return new SynodSettings(distribution, baseDir, members, port, tls, clusterId);
  }

  /** The settings in one paragraph, for the report: what runs, where, and the defaults it relies on. */
  public String describe() {
    return "Synod " + DistributionVersion.of(distribution) + " (" + distribution.toAbsolutePath().normalize() + "), "
        + members + " synod agent processes on " + HOST + " (API ports " + apiPort(0) + ".." + apiPort(members - 1)
        + ", Raft " + raftPort(0) + ".." + raftPort(members - 1) + ", gossip " + gossipPort(0) + ".."
        + gossipPort(members - 1) + ", gossip preset local), bootstrap-expect " + members + ", "
        + (tls ? "mutual TLS on API, Raft and gossip (the benchmark's client presents a certificate of role client)"
            : "plaintext without authentication (--insecure-dev)")
        + ", data on " + DataFileSystem.describe(baseDir) + ". Agent defaults otherwise: fsync of every Raft log"
        + " batch before it is acknowledged (Ratis' defaults raft.server.log.unsafe-flush.enabled=false and"
        + " raft.server.log.async-flush.enabled=false, which Synod also sets explicitly; group commit of up to"
        + " raft.server.log.force.sync.num=128 entries per fsync), randomized election timeout 0.5 s..1 s"
        + " (the agent's --election-timeout-min/max defaults) with pre-vote (etcd: 1000 ms), snapshot every"
        + " 10000 log entries. Per-identity rate limits raised to "
        + SynodCommandLine.RATE_LIMIT + " requests/s for every role, so the benchmark measures consensus and"
        + " storage, not the rate limiter (etcd has none). Agent JVM: SYNOD_JAVA_OPTS=\""
        + SynodCommandLine.JAVA_OPTS + "\" (the launcher's defaults plus a fixed heap).";
  }

  /** Member {@code i}'s node id: {@code node-0}, {@code node-1}, ... */
  public static String memberName(int member) {
    return "node-" + member;
  }

  public int apiPort(int member) {
    return basePort + checked(member);
  }

  public int raftPort(int member) {
    return basePort + RAFT_PORT_OFFSET + checked(member);
  }

  public int gossipPort(int member) {
    return basePort + GOSSIP_PORT_OFFSET + checked(member);
  }

  /** {@code host:port} of member {@code i}'s API, as the SDK takes it. */
  public String apiEndpoint(int member) {
    return HOST + ":" + apiPort(member);
  }

  public List<String> apiEndpoints() {
    List<String> endpoints = new ArrayList<>();
    for (int m = 0; m < members; m++) {
      endpoints.add(apiEndpoint(m));
    }
    return endpoints;
  }

  public Path memberDir(int member) {
    return baseDir.resolve(memberName(checked(member)));
  }

  public Path dataDir(int member) {
    return memberDir(member).resolve("data");
  }

  public Path logFile(int member) {
    return memberDir(member).resolve("agent.log");
  }

  public Path pkiDir() {
    return baseDir.resolve("pki");
  }

  public Path launcher() {
    return distribution.resolve("bin/synod");
  }

  private int checked(int member) {
    if (member < 0 || member >= members) {
      throw new IndexOutOfBoundsException("member: " + member + " (expected: 0.." + (members - 1) + ")");
    }
    return member;
  }
}
