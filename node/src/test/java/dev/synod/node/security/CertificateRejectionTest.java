package dev.synod.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synod.node.cluster.SynodClusterExtension;
import dev.synod.node.testing.TestChannels;
import dev.synod.security.identity.Role;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.testing.LogCapture;
import dev.synod.security.testing.TestPki;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Certificates the API port must refuse, each with a log line that says why, while the cluster keeps working. */
class CertificateRejectionTest {
  @RegisterExtension
  final SynodClusterExtension cluster = SynodClusterExtension.nodes(3);

  @TempDir
  Path tmp;

  private LogCapture logs;
  private String target;

  @BeforeEach
  void capture() {
    logs = LogCapture.open();
    target = cluster.awaitLeader().apiAddress();
  }

  @AfterEach
  void clusterStillWorks() {
    try {
      CertificateMaterial admin = cluster.pki().issue(Role.ADMIN, "checker");
      Calls.succeeds(TestChannels.open(cluster.pki(), target, admin, null), ch -> Calls.put(ch, "still-working"));
    } finally {
      logs.close();
    }
  }

  @Test
  void certificateFromAnotherCaIsRejectedInTheHandshake() {
    TestPki other = TestPki.create("test", tmp.resolve("other"));
    StatusRuntimeException e = Calls.failure(TestChannels.open(cluster.pki(), target, other.issue(Role.ADMIN, "intruder"), null),
        Calls::get);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("TLS peer rejected"));
  }

  @Test
  void expiredCertificateIsRejectedInTheHandshake() {
    Clock twoHoursAgo = Clock.fixed(Instant.now().minus(Duration.ofHours(2)), ZoneOffset.UTC);
    CertificateMaterial expired = cluster.pki().issue(Role.ADMIN, "old", Duration.ofMinutes(30), twoHoursAgo);
    StatusRuntimeException e = Calls.failure(TestChannels.open(cluster.pki(), target, expired, null), Calls::get);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("TLS peer rejected", "expired"));
  }

  @Test
  void certificateWithARoleThatMayNotWriteIsDenied() {
    CertificateMaterial worker = cluster.pki().issue(Role.WORKER, "w1");
    StatusRuntimeException e = Calls.failure(TestChannels.open(cluster.pki(), target, worker, null), ch -> Calls.put(ch, "k"));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(e.getStatus().getDescription()).contains("role worker").contains("synod.v1.Kv/Put");
    assertThat(logs.contains("refused", "PERMISSION_DENIED", "role worker")).isTrue();
  }

  @Test
  void callerWithoutCertificateOrTokenIsUnauthenticated() {
    StatusRuntimeException e = Calls.failure(TestChannels.open(cluster.pki(), target, null, null), Calls::get);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(e.getStatus().getDescription()).contains("no credentials");
    assertThat(logs.contains("refused", "UNAUTHENTICATED", "no credentials")).isTrue();
  }

  @Test
  void certificateNamingAnotherClusterIsRejectedEvenFromTheRightCa() {
    CertificateMaterial foreign = cluster.pki().issueFor("elsewhere", Role.ADMIN, "a");
    StatusRuntimeException e = Calls.failure(TestChannels.open(cluster.pki(), target, foreign, null), Calls::get);
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAVAILABLE);
    await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("TLS peer rejected", "elsewhere"));
  }
}
