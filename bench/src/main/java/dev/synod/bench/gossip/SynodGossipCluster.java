package dev.synod.bench.gossip;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * Synod's membership as its own processes: N {@code synod gossip-probe} processes from the node distribution,
 * each gossiping exactly as an agent does with the chosen {@code --gossip-preset}, with no Raft. With mutual
 * TLS (the product default) every probe presents a server certificate of a fresh cluster CA; otherwise they run
 * {@code --insecure-dev}.
 */
public final class SynodGossipCluster implements GossipSubject {
  public static final String CLUSTER_ID = "bench-gossip";
  public static final List<String> PRESETS = List.of("lan", "local");

  private final Path distribution;
  private final Path workDir;
  private final String preset;
  private final Optional<GossipPki> pki;
  private final int basePort;

  private SynodGossipCluster(Path distribution, Path workDir, String preset, Optional<GossipPki> pki, int basePort) {
    this.distribution = distribution;
    this.workDir = workDir;
    this.preset = preset;
    this.pki = pki;
    this.basePort = basePort;
  }

  /**
   * @param distribution the node distribution, holding {@code bin/synod}
   * @param preset {@code lan} or {@code local}, as the agent's {@code --gossip-preset}
   */
  public static SynodGossipCluster create(Path distribution, Path workDir, String preset, boolean mutualTls) {
    if (!PRESETS.contains(preset)) {
      throw new IllegalArgumentException("preset: '" + preset + "' (expected: one of " + PRESETS + ")");
    }
    Optional<GossipPki> pki = mutualTls
        ? Optional.of(GossipPki.create(CLUSTER_ID, workDir.resolve("pki"), Clock.systemUTC()))
        : Optional.empty();
    return new SynodGossipCluster(distribution, workDir, preset, pki, GossipPorts.DEFAULT_BASE);
  }

  @Override
  public String system() {
    return "synod";
  }

  @Override
  public String describe() {
    return "synod gossip-probe from " + distribution + " (scalecube-cluster 2.7 SWIM over TCP, the agent's gossip"
        + " without Raft), --gossip-preset " + preset + ", " + (pki.isPresent()
            ? "mutual TLS: each probe presents a server certificate of the cluster CA and trusts only those"
            : "plaintext (--insecure-dev)");
  }

  @Override
  public GossipRing start(int members, Duration timeout) throws InterruptedException {
    List<String> names = IntStream.range(0, members).mapToObj(GossipRing::memberName).toList();
    for (int m = 0; m < members; m++) {
      GossipPorts.requireFree(basePort + m, names.get(m) + "'s gossip port");
    }
    pki.ifPresent(p -> names.forEach(p::ensureMember));
    return MemberProcesses.start(new MemberProcesses.Launch(system(), names, this::commandLine, List.of("SYNOD_"),
        new ProbeLines(), workDir.resolve("logs"), "(not reported by the probes)"), timeout);
  }

  /** Certificates and keys stay in the work directory with the logs: nothing to release. */
  @Override
  public void close() {}

  private List<String> commandLine(int member) {
    String name = GossipRing.memberName(member);
    List<String> args = new ArrayList<>(List.of(distribution.resolve("bin/synod").toString(), "gossip-probe",
        "--node-id", name, "--cluster-id", CLUSTER_ID,
        // Required as for the agent, never written by the probe.
        "--data-dir", workDir.resolve("data").resolve(name).toString(),
        "--bind-host", GossipPorts.HOST, "--gossip-port", String.valueOf(basePort + member),
        "--seeds", GossipPorts.HOST + ":" + basePort, "--gossip-preset", preset));
    pki.ifPresentOrElse(p -> args.addAll(List.of("--tls-ca-file", p.caFile().toString(),
            "--tls-cert-file", p.certFile(name).toString(), "--tls-key-file", p.keyFile(name).toString())),
        () -> args.add("--insecure-dev"));
    return args;
  }
}
