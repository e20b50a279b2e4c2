package dev.synod.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.bench.etcd.EtcdBinary;
import dev.synod.bench.etcd.EtcdCluster;
import dev.synod.bench.etcd.EtcdInstaller;
import dev.synod.bench.etcd.EtcdPki;
import dev.synod.bench.etcd.EtcdSettings;
import dev.synod.bench.synod.SynodCluster;
import dev.synod.bench.synod.SynodSettings;
import dev.synod.security.pki.CertificateAuthority;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * P4 in miniature against real clusters, one after the other on the same machine: a 3-member Synod
 * cluster and a 3-member etcd cluster, both with mutual TLS from one CA. The numbers are smoke
 * numbers (cold JVMs, one second of warm-up), not measurements.
 */
class FailoverScenarioIT {
  private static final FailoverPlan PLAN = FailoverPlan.defaults().withWarmup(Duration.ofSeconds(1));

  @Test
  void bothSystemsRecoverFromTheLeadersKill(@TempDir Path dir) throws Exception {
    FailoverScenario scenario = new FailoverScenario(PLAN, System.out);
    SynodSettings synodSettings = SynodSettings.mutualTls(SynodSettings.defaultDistribution(), dir.resolve("synod"));
    CertificateAuthority ca;
    SynodCluster synodCluster = SynodCluster.start(synodSettings);
    try (SynodFailoverSubject synod = new SynodFailoverSubject(synodCluster)) {
      ca = synodCluster.certificateAuthority().orElseThrow();
      FailoverResult result = scenario.run(synod);
      assertRecovered(result, synod);
    }

    EtcdBinary etcd = EtcdInstaller.system(System.out).findOrInstall();
    EtcdPki pki = EtcdPki.issue(ca, synodSettings.clusterId(), dir.resolve("etcd-pki"), 3, Clock.systemUTC());
    try (EtcdFailoverSubject subject = new EtcdFailoverSubject(
        EtcdCluster.start(EtcdSettings.mutualTls(etcd, dir.resolve("etcd"), pki)))) {
      FailoverResult result = scenario.run(subject);
      assertRecovered(result, subject);
    }
  }

  private static void assertRecovered(FailoverResult result, FailoverSubject subject) throws InterruptedException {
    assertThat(result.recovered()).as("recovered: %s", result).isTrue();
    assertThat(result.killToFirstAck()).hasValueSatisfying(d -> assertThat(d).isPositive().isLessThan(PLAN.maxRecovery()));
    assertThat(result.recoveryToHalfThroughput()).isPresent();
    assertThat(result.preKillOpsPerSecond()).isPositive();
    assertThat(result.preKillFailures()).isZero();
    assertThat(result.requestDeadline()).isEqualTo(PLAN.requestDeadline());
    assertThat(result.newLeader()).isPresent();
    int newLeader = result.newLeader().getAsInt();
    assertThat(newLeader).isNotEqualTo(result.killedMember());
    // The killed member was the leader the scenario found just before the kill, and it is gone.
    assertThat(subject.leader(Duration.ofSeconds(10))).isEqualTo(newLeader);
    assertThat(subject.alive(result.killedMember())).isFalse();
  }
}
