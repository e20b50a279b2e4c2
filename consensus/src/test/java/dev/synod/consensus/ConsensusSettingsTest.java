package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.security.testing.TestPki;
import java.time.Duration;
import org.junit.jupiter.api.Test;

class ConsensusSettingsTest {

  @Test
  void presetsAreValidAndLanIsTheBuilderDefault() {
    ConsensusSettings lan = ConsensusSettings.lan();
    ConsensusSettings local = ConsensusSettings.local();

    assertThat(lan.electionTimeoutMin()).isEqualTo(Duration.ofMillis(500));
    assertThat(lan.electionTimeoutMax()).isEqualTo(Duration.ofSeconds(1));
    assertThat(ConsensusSettings.builder().build().toString()).isEqualTo(lan.toString());
    assertThat(local.snapshotAutoTriggerThreshold()).isLessThan(lan.snapshotAutoTriggerThreshold());
    assertThat(local.writeBufferSize()).isGreaterThanOrEqualTo(local.appenderBufferByteLimit() + 8);
  }

  @Test
  void toBuilderKeepsEveryValue() {
    ConsensusSettings s = ConsensusSettings.local().toBuilder().forceSyncNum(7).build();

    assertThat(s.forceSyncNum()).isEqualTo(7);
    assertThat(s.toString()).isEqualTo(ConsensusSettings.local().toString().replace("forceSyncNum=128", "forceSyncNum=7"));
  }

  @Test
  void tlsIsOffByDefaultAndCarriedByToBuilderUntilCleared() {
    RaftTls tls = RaftTestTls.of(TestPki.create(RaftTestTls.CLUSTER), "n1");

    ConsensusSettings on = ConsensusSettings.local().toBuilder().tls(tls).build();
    ConsensusSettings copied = on.toBuilder().forceSyncNum(7).build();

    assertThat(ConsensusSettings.lan().tls()).isEmpty();
    assertThat(copied.tls()).containsSame(tls);
    assertThat(copied.toBuilder().tls(null).build().tls()).isEmpty();
    assertThat(on.toString()).endsWith(", tls=mutual}");
  }

  @Test
  void raftTlsNeedsBothManagers() {
    RaftTls tls = RaftTestTls.of(TestPki.create(RaftTestTls.CLUSTER), "n1");

    assertThatThrownBy(() -> new RaftTls(null, tls.trustManager()))
        .isInstanceOf(NullPointerException.class).hasMessage("keyManager");
    assertThatThrownBy(() -> new RaftTls(tls.keyManager(), null))
        .isInstanceOf(NullPointerException.class).hasMessage("trustManager");
  }

  @Test
  void electionTimeoutMaxMustExceedMin() {
    assertThatThrownBy(() -> ConsensusSettings.builder()
        .electionTimeoutMin(Duration.ofSeconds(1)).electionTimeoutMax(Duration.ofMillis(500)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("electionTimeoutMax: PT0.5S (expected: > electionTimeoutMin PT1S)");
  }

  @Test
  void nonPositiveDurationIsRejectedWhenSet() {
    assertThatThrownBy(() -> ConsensusSettings.builder().requestTimeout(Duration.ZERO))
        .isInstanceOf(IllegalArgumentException.class).hasMessage("requestTimeout: PT0S (expected: > 0)");
    assertThatThrownBy(() -> ConsensusSettings.builder().readTimeout(Duration.ofSeconds(-1)))
        .hasMessage("readTimeout: PT-1S (expected: > 0)");
  }

  @Test
  void timeoutsShorterThanAnElectionAreRejected() {
    assertThatThrownBy(() -> ConsensusSettings.builder().requestTimeout(Duration.ofMillis(900)).build())
        .hasMessage("requestTimeout: PT0.9S (expected: >= electionTimeoutMax PT1S)");
    assertThatThrownBy(() -> ConsensusSettings.builder().readTimeout(Duration.ofMillis(800)).build())
        .hasMessage("readTimeout: PT0.8S (expected: >= electionTimeoutMax PT1S)");
    assertThatThrownBy(() -> ConsensusSettings.builder().adminTimeout(Duration.ofSeconds(5)).build())
        .hasMessage("adminTimeout: PT5S (expected: >= requestTimeout PT10S)");
    assertThatThrownBy(() -> ConsensusSettings.builder().retryCacheExpiry(Duration.ofSeconds(5)).build())
        .hasMessage("retryCacheExpiry: PT5S (expected: >= requestTimeout PT10S)");
  }

  @Test
  void writeBufferMustHoldTheLargestEntry() {
    assertThatThrownBy(() -> ConsensusSettings.builder()
        .appenderBufferByteLimit(4 << 20).writeBufferSize(1 << 20).build())
        .hasMessage("writeBufferSize: 1048576 (expected: >= appenderBufferByteLimit + 8 = 4194312)");
  }

  @Test
  void countsAndSizesOutsideTheirRangeAreRejected() {
    assertThatThrownBy(() -> ConsensusSettings.builder().forceSyncNum(0))
        .hasMessage("forceSyncNum: 0 (expected: in [1, 65536])");
    assertThatThrownBy(() -> ConsensusSettings.builder().snapshotAutoTriggerThreshold(0))
        .hasMessage("snapshotAutoTriggerThreshold: 0 (expected: >= 1)");
    assertThatThrownBy(() -> ConsensusSettings.builder().appenderBufferByteLimit(1024))
        .hasMessage("appenderBufferByteLimit: 1024 (expected: in [65536, 268435456])");
    assertThatThrownBy(() -> ConsensusSettings.builder().purgeGap(0))
        .hasMessage("purgeGap: 0 (expected: >= 1)");
  }

  @Test
  void disablingSnapshotInstallIsRejectedBecauseNothingElseCanCatchAFollowerUp() {
    assertThatThrownBy(() -> ConsensusSettings.builder().installSnapshotEnabled(false).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("installSnapshotEnabled: false (expected: true");
  }

  @Test
  void grpcMessagesHoldAFullAppendBatch() {
    ConsensusSettings s = ConsensusSettings.lan();
    var p = RatisProperties.of(s, java.nio.file.Path.of("/tmp/x"), new HostPort("127.0.0.1", 1234));

    long messageMax = org.apache.ratis.grpc.GrpcConfigKeys.messageSizeMax(p, m -> { }).getSize();
    assertThat(messageMax).isGreaterThanOrEqualTo(s.appenderBufferByteLimit() + (1 << 20));
    assertThat(org.apache.ratis.server.RaftServerConfigKeys.Log.unsafeFlushEnabled(p)).isFalse();
    assertThat(org.apache.ratis.server.RaftServerConfigKeys.Read.option(p))
        .isEqualTo(org.apache.ratis.server.RaftServerConfigKeys.Read.Option.LINEARIZABLE);
  }
}
