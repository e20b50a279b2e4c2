package dev.synod.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.bench.load.Consistency;
import dev.synod.bench.load.LoadResult;
import dev.synod.bench.load.LoadRunner;
import dev.synod.bench.load.Workload;
import dev.synod.security.pki.Pem;
import io.etcd.jetcd.Client;
import io.grpc.netty.GrpcSslContexts;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** A real 3-member etcd cluster, in plaintext and with mutual TLS: a tiny workload, a leader kill, a restart. */
class EtcdClusterIT {
  private static final LoadRunner RUNNER = LoadRunner.builder().progress(null).build();
  private static EtcdBinary etcd;

  @BeforeAll
  static void findOrInstallEtcd() throws Exception {
    etcd = EtcdInstaller.system(System.out).findOrInstall();
  }

  @Test
  void plaintextClusterServesTheWorkloadAndSurvivesTheLeadersKill(@TempDir Path dir) throws Exception {
    exercise(EtcdSettings.plaintext(etcd, dir.resolve("etcd")));
  }

  @Test
  void mutualTlsClusterServesTheWorkloadAndSurvivesTheLeadersKill(@TempDir Path dir) throws Exception {
    EtcdPki pki = EtcdPki.issue("bench-etcd", dir.resolve("pki"), 3, Clock.systemUTC());
    exercise(EtcdSettings.mutualTls(etcd, dir.resolve("etcd"), pki));
  }

  @Test
  void mutualTlsClusterRefusesAClientWithoutACertificate(@TempDir Path dir) throws Exception {
    EtcdPki pki = EtcdPki.issue("bench-etcd", dir.resolve("pki"), 3, Clock.systemUTC());
    X509Certificate ca = Pem.readCertificates("ca", pki.caFile()).get(0);
    try (EtcdCluster cluster = EtcdCluster.start(EtcdSettings.mutualTls(etcd, dir.resolve("etcd"), pki))) {
      // Trusts the CA but shows no certificate; fails fast instead of waiting for a connection that never comes.
      Client anonymous = Client.builder().endpoints(cluster.settings().clientUrls()).waitForReady(false)
          .sslContext(GrpcSslContexts.forClient().trustManager(ca).build()).build();
      try (EtcdKvTarget target = new EtcdKvTarget(List.of(anonymous))) {
        assertThatThrownBy(() -> target.put(bytes("k"), bytes("v")).get(20, TimeUnit.SECONDS))
            .satisfies(e -> assertThat(target.errorStatus(e)).isEqualTo("UNAVAILABLE"));
      }
    }
  }

  private static void exercise(EtcdSettings settings) throws Exception {
    long[] pids = new long[settings.members()];
    try (EtcdCluster cluster = EtcdCluster.start(settings)) {
      cluster.commandLines().forEach(System.out::println);
      System.out.println(settings.describe());
      assertThat(cluster.commandLines()).hasSize(3).noneMatch(line -> line.contains("unsafe"));
      for (int m = 0; m < pids.length; m++) {
        pids[m] = cluster.pid(m);
      }
      try (EtcdKvTarget target = EtcdKvTarget.open(cluster, 2)) {
        for (Consistency reads : Consistency.values()) {
          LoadResult result = RUNNER.run(workload(reads), target);
          System.out.println(settings.scheme() + " " + reads + ": " + result);
          assertThat(result.errorsByStatus()).isEmpty();
          assertThat(result.putOps()).isPositive();
          assertThat(result.getOps()).isPositive();
          assertThat(result.unfinishedOps()).isZero();
        }

        int leader = cluster.leader();
        assertThat(cluster.leaderPid()).isEqualTo(pids[leader]);
        cluster.kill(leader);
        assertThat(cluster.alive(leader)).isFalse();
        int next = cluster.leader();
        assertThat(next).isNotEqualTo(leader);
        // The surviving majority takes writes from the same clients.
        target.put(bytes("after-kill"), bytes("v")).get(20, TimeUnit.SECONDS);

        cluster.restart(leader);
        assertThat(cluster.alive(leader)).isTrue();
        pids[leader] = cluster.pid(leader);
      }
    }
    for (long pid : pids) {
      assertThat(ProcessHandle.of(pid).filter(ProcessHandle::isAlive)).as("pid %d after close", pid).isEmpty();
    }
  }

  /** Two seconds of linearizable reads and puts, one of serializable: enough to show the transport works. */
  private static Workload workload(Consistency reads) {
    Duration duration = reads == Consistency.LINEARIZABLE ? Duration.ofSeconds(2) : Duration.ofSeconds(1);
    return Workload.builder().clients(4).connections(2).keyCount(100).valueBytes(256).readFraction(0.5)
        .readConsistency(reads).warmup(Duration.ofMillis(300)).duration(duration).build();
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
