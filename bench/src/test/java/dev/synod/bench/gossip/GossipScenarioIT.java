package dev.synod.bench.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.bench.synod.SynodSettings;
import java.nio.file.Path;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The gossip benchmark end to end on a small scale, for both systems: three real member processes, one kill
 * without and one with CPU contention, a 2 s contention window. The smoke uses the local timing profiles of
 * both (the LAN ones take 10-20 s per kill); security is on, as in the full run.
 */
class GossipScenarioIT {
  private static final GossipPlan SMOKE =
      new GossipPlan(3, 1, Duration.ofSeconds(30), Duration.ofSeconds(30), Duration.ofSeconds(2), true);

  @TempDir
  Path dir;

  @Test
  void synodProbesDetectAKilledProbeWithAndWithoutLoad() throws Exception {
    try (SynodGossipCluster synod = SynodGossipCluster.create(SynodSettings.defaultDistribution(), dir, "local", true)) {
      GossipResult result = new GossipScenario(SMOKE, System.out).run(synod);

      assertDetectedTwice(result, "synod");
      assertThat(result.settingsDescription()).contains("--gossip-preset local", "mutual TLS",
          "pingInterval=200ms", "pingTimeout=100ms", "pingReqMembers=2", "suspicionMult=8", "tls=mutual");
    }
  }

  @Test
  void serfAgentsDetectAKilledAgentWithAndWithoutLoad() throws Exception {
    SerfBinary serf = SerfInstaller.system(System.out).findOrInstall();
    try (SerfCluster cluster = SerfCluster.create(serf, dir, "local", true)) {
      GossipResult result = new GossipScenario(SMOKE, System.out).run(cluster);

      assertDetectedTwice(result, "serf");
      assertThat(result.settingsDescription()).contains("-profile=local", "-encrypt", "probeInterval=1000ms",
          "probeTimeout=200ms", "indirectChecks=1", "suspicionMult=3", "encryption=aes-gcm-key");
    }
  }

  private static void assertDetectedTwice(GossipResult result, String system) {
    System.out.println(system + ": " + result);
    assertThat(result.system()).isEqualTo(system);
    assertThat(result.runs()).hasSize(2).allSatisfy(run -> {
      assertThat(run.detected()).isTrue();
      assertThat(run.killedMember()).isEqualTo(1);
      assertThat(run.firstSawDead()).isPositive().isLessThanOrEqualTo(run.allSawDead());
      assertThat(run.allSawDead()).isLessThan(SMOKE.maxDetection());
    });
    assertThat(result.runs(false)).hasSize(1);
    assertThat(result.runs(true)).hasSize(1);
    // How many false alarms the 2 s window holds depends on the machine; that it was watched does not.
    assertThat(result.contentionWindow()).isEqualTo(Duration.ofSeconds(2));
  }
}
