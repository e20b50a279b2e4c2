package dev.synod.bench.gossip;

import java.nio.file.Path;
import java.security.SecureRandom;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Optional;
import java.util.stream.IntStream;

/**
 * HashiCorp serf as the other side: N {@code serf agent} processes on 127.0.0.1 with a timing profile and,
 * in the secure mode, a fresh 32-byte gossip encryption key ({@code -encrypt}), serf's counterpart of Synod's
 * mutual TLS. No snapshot file, so every ring starts without memory of the last.
 */
public final class SerfCluster implements GossipSubject {
  private static final int KEY_BYTES = 32;

  private final SerfBinary serf;
  private final Path workDir;
  private final String profile;
  private final Optional<String> key;
  private final int basePort;

  private SerfCluster(SerfBinary serf, Path workDir, String profile, Optional<String> key, int basePort) {
    this.serf = serf;
    this.workDir = workDir;
    this.profile = profile;
    this.key = key;
    this.basePort = basePort;
  }

  /** @param profile {@code lan} or {@code local}, as serf's {@code -profile} */
  public static SerfCluster create(SerfBinary serf, Path workDir, String profile, boolean encrypted) {
    SerfProfiles.describe(profile, encrypted); // rejects an unknown profile
    Optional<String> key = Optional.empty();
    if (encrypted) {
      byte[] bytes = new byte[KEY_BYTES];
      new SecureRandom().nextBytes(bytes);
      key = Optional.of(Base64.getEncoder().encodeToString(bytes));
    }
    return new SerfCluster(serf, workDir, profile, key, GossipPorts.DEFAULT_BASE);
  }

  @Override
  public String system() {
    return "serf";
  }

  @Override
  public String describe() {
    return serf.describe() + " (memberlist SWIM over UDP, TCP fallback probes and push-pull), -profile=" + profile
        + ", " + (key.isPresent() ? "gossip encrypted with a 32-byte AES key (-encrypt)" : "plaintext (no -encrypt)");
  }

  @Override
  public GossipRing start(int members, Duration timeout) throws InterruptedException {
    List<String> names = IntStream.range(0, members).mapToObj(GossipRing::memberName).toList();
    for (int m = 0; m < members; m++) {
      GossipPorts.requireFree(gossipPort(m), names.get(m) + "'s gossip port");
      GossipPorts.requireFree(rpcPort(m), names.get(m) + "'s RPC port");
    }
    return MemberProcesses.start(new MemberProcesses.Launch(system(), names, this::commandLine, List.of("SERF_"),
        new SerfLogLines(), workDir.resolve("logs"), SerfProfiles.describe(profile, key.isPresent())), timeout);
  }

  @Override
  public void close() {}

  private List<String> commandLine(int member) {
    String bind = GossipPorts.HOST + ":" + gossipPort(member);
    List<String> args = new ArrayList<>(List.of(serf.path().toString(), "agent",
        "-node=" + GossipRing.memberName(member), "-bind=" + bind, "-advertise=" + bind,
        "-rpc-addr=" + GossipPorts.HOST + ":" + rpcPort(member), "-profile=" + profile,
        // INFO carries the member events and memberlist's suspicions.
        "-log-level=info"));
    key.ifPresent(k -> args.add("-encrypt=" + k));
    if (member > 0) {
      args.add("-join=" + GossipPorts.HOST + ":" + gossipPort(0));
    }
    return args;
  }

  private int gossipPort(int member) {
    return basePort + member;
  }

  private int rpcPort(int member) {
    return basePort + GossipPorts.RPC_OFFSET + member;
  }
}
