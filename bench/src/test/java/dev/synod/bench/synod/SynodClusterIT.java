package dev.synod.bench.synod;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synod.bench.jvm.AttachedJitMeter;
import dev.synod.bench.load.LoadResult;
import dev.synod.bench.load.LoadRunner;
import dev.synod.bench.load.SynodKvTarget;
import dev.synod.bench.load.Workload;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Real Synod clusters of agent processes from the built distribution: three members with mutual TLS
 * (a tiny workload, a leader kill, a restart) and one in plaintext (a tiny workload, its compile time read
 * through the attach API).
 */
class SynodClusterIT {
  private static final LoadRunner RUNNER = LoadRunner.builder().progress(null).build();

  @Test
  void mutualTlsClusterServesTheWorkloadAndSurvivesTheLeadersKill(@TempDir Path dir) throws Exception {
    SynodSettings settings = SynodSettings.mutualTls(SynodSettings.defaultDistribution(), dir.resolve("synod"));
    long started = System.nanoTime();
    long[] pids = new long[settings.members()];
    try (SynodCluster cluster = SynodCluster.start(settings)) {
      cluster.commandLines().forEach(System.out::println);
      System.out.println(settings.describe());
      assertThat(cluster.commandLines()).hasSize(3)
          .allMatch(line -> line.contains("--rate-limit-client 1000000") && line.contains("--tls-cert-file"));
      assertThat(cluster.certificateAuthority()).isPresent();
      for (int m = 0; m < pids.length; m++) {
        pids[m] = cluster.pid(m);
      }
      try (SynodKvTarget target = SynodKvTarget.open(cluster.clientBuilder(), 2)) {
        LoadResult result = RUNNER.run(workload(), target);
        System.out.println("mutual TLS: " + result);
        assertThat(result.errorsByStatus()).isEmpty();
        assertThat(result.putOps()).isPositive();
        assertThat(result.getOps()).isPositive();
        assertThat(result.unfinishedOps()).isZero();

        int leader = cluster.leader();
        cluster.kill(leader);
        assertThat(cluster.alive(leader)).isFalse();
        int next = cluster.leader();
        assertThat(next).isNotEqualTo(leader);
        assertThat(cluster.alive(next)).isTrue();
        // The surviving majority takes writes from the same clients. A client whose last answer named the
        // killed leader sends its next put there, and puts are never retried: that one fails, and the
        // failure makes the client forget the dead leader.
        await().atMost(Duration.ofSeconds(20)).ignoreExceptions()
            .until(() -> target.put(bytes("after-kill"), bytes("v")).get(5, TimeUnit.SECONDS) != null);

        cluster.restart(leader);
        assertThat(cluster.alive(leader)).isTrue();
        pids[leader] = cluster.pid(leader);
      }
      System.out.printf("start, workload, kill and restart took %d ms%n", (System.nanoTime() - started) / 1_000_000);
    }
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid %d after close", pid).isEmpty();
    }
  }

  /** One member keeps it cheap: the plaintext transport and --insecure-dev are what this test adds. */
  @Test
  void plaintextSingleMemberServesTheWorkload(@TempDir Path dir) throws Exception {
    SynodSettings settings = SynodSettings.plaintext(SynodSettings.defaultDistribution(), dir.resolve("synod"))
        .withMembers(1);
    try (SynodCluster cluster = SynodCluster.start(settings)) {
      assertThat(cluster.commandLines()).singleElement().asString()
          .contains("--insecure-dev", "--bootstrap-expect 1").doesNotContain("--seeds", "--tls-");
      assertThat(cluster.certificateAuthority()).isEmpty();
      assertThat(cluster.leader()).isZero();
      try (SynodKvTarget target = SynodKvTarget.open(cluster.clientBuilder(), 2)) {
        LoadResult result = RUNNER.run(workload(), target);
        System.out.println("plaintext, 1 member: " + result);
        assertThat(result.errorsByStatus()).isEmpty();
        assertThat(result.putOps()).isPositive();
        assertThat(result.getOps()).isPositive();
      }
      // The compare harness's JIT settling reads the agent's compile time the same way.
      try (AttachedJitMeter meter = AttachedJitMeter.attach(Map.of("node-0", cluster.pid(0)))) {
        assertThat(meter.compileTotals()).containsOnlyKeys("node-0");
        assertThat(meter.compileTotals().get("node-0")).isPositive();
      }
    }
  }

  /** Two seconds of linearizable reads and puts: enough to show the transport and the permissions work. */
  private static Workload workload() {
    return Workload.builder().clients(4).connections(2).keyCount(100).valueBytes(256).readFraction(0.5)
        .warmup(Duration.ofMillis(300)).duration(Duration.ofSeconds(2)).build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
