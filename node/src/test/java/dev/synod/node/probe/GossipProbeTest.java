package dev.synod.node.probe;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synod.node.config.AgentConfig;
import dev.synod.node.config.GossipPreset;
import dev.synod.security.identity.Role;
import dev.synod.security.testing.TestPki;
import dev.synod.security.testing.TestPorts;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Three probes with mutual TLS and the local preset see each other, then see a crashed one suspected and FAILED. */
class GossipProbeTest {
  private static final String CLUSTER = "probe-test";

  @TempDir
  Path dir;

  private final List<GossipProbe> probes = new ArrayList<>();
  private final List<List<String>> lines = new ArrayList<>();

  @AfterEach
  void stop() {
    probes.forEach(GossipProbe::close);
  }

  @Test
  void probesReportJoinsSuspicionsAndTheFailureOfACrashedProbe() {
    TestPki pki = TestPki.create(CLUSTER, dir.resolve("pki"));
    int seedPort = TestPorts.next();
    for (int i = 0; i < 3; i++) {
      String name = "p" + i;
      pki.write(name, pki.issue(Role.SERVER, name));
      int port = i == 0 ? seedPort : TestPorts.next();
      AgentConfig config = AgentConfig.builder().nodeId(name).clusterId(CLUSTER).dataDir(dir.resolve(name))
          .gossipPort(port).seeds(List.of("127.0.0.1:" + seedPort)).gossipPreset(GossipPreset.LOCAL)
          .tlsCaFile(pki.caFile()).tlsCertFile(pki.certFile(name)).tlsKeyFile(pki.keyFile(name)).build();
      List<String> printed = new CopyOnWriteArrayList<>();
      lines.add(printed);
      probes.add(GossipProbe.start(config, new ProbeOutput(printed::add)));
      assertThat(printed).startsWith(
          "settings preset=local pingInterval=200ms pingTimeout=100ms pingReqMembers=2 suspicionMult=8"
              + " suspicionTimeout=suspicionMult*ceil(log2(n+1))*pingInterval gossipInterval=100ms gossipFanout=3"
              + " gossipRepeatMult=3 syncInterval=5000ms syncTimeout=2000ms metadataTimeout=2000ms transport=tcp tls=mutual",
          "ready " + name + " 127.0.0.1:" + port);
    }
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(lines.get(0)).contains("event JOINED p1", "event JOINED p2");
      assertThat(lines.get(1)).contains("event JOINED p0", "event JOINED p2");
      assertThat(lines.get(2)).contains("event JOINED p0", "event JOINED p1");
    });

    probes.remove(2).crash();

    // The local preset declares a crashed member dead after about 3.5 s among 3 members.
    await().atMost(Duration.ofSeconds(20)).untilAsserted(() -> {
      assertThat(lines.get(0)).contains("event FAILED p2");
      assertThat(lines.get(1)).contains("event FAILED p2");
    });
    List<String> survivors = new ArrayList<>(lines.get(0));
    survivors.addAll(lines.get(1));
    // Live members may be suspected on a loaded machine, but not declared failed: that takes 3.2 s of silence.
    assertThat(survivors).contains("suspect p2").doesNotContain("event FAILED p0", "event FAILED p1");
  }
}
