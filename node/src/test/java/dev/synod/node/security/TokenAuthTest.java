package dev.synod.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synod.node.cluster.SynodClusterExtension;
import dev.synod.node.config.ConfigKey;
import dev.synod.node.testing.TestChannels;
import dev.synod.proto.v1.AclBootstrapRequest;
import dev.synod.proto.v1.AclGrpc;
import dev.synod.proto.v1.CreateTokenRequest;
import dev.synod.proto.v1.ListTokensRequest;
import dev.synod.proto.v1.RevokeTokenRequest;
import dev.synod.proto.v1.Role;
import dev.synod.proto.v1.RotateTokenRequest;
import dev.synod.proto.v1.TokenSecretResponse;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.testing.LogCapture;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.protobuf.StatusProto;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** ACL tokens end to end: bootstrap once, create, revoke, rotate, expire, forge, flood. */
class TokenAuthTest {
  @RegisterExtension
  final SynodClusterExtension cluster = SynodClusterExtension.nodes(3)
      .tuned(b -> b.rateLimit(ConfigKey.RATE_LIMIT_CLIENT, 5));

  private LogCapture logs;
  private String target;
  private CertificateMaterial adminCert;

  @BeforeEach
  void setUp() {
    logs = LogCapture.open();
    target = cluster.awaitLeader().apiAddress();
    adminCert = cluster.pki().issue(dev.synod.security.identity.Role.ADMIN, "token-admin");
  }

  @AfterEach
  void clusterStillWorks() {
    try {
      Calls.succeeds(TestChannels.open(cluster.pki(), target, adminCert, null), ch -> Calls.put(ch, "still-working"));
    } finally {
      logs.close();
    }
  }

  private TokenSecretResponse create(Role role, long ttlSeconds) {
    var channel = TestChannels.open(cluster.pki(), target, adminCert, null);
    try {
      return AclGrpc.newBlockingStub(channel).withDeadlineAfter(10, TimeUnit.SECONDS).createToken(
          CreateTokenRequest.newBuilder().setRole(role).setDescription("test").setTtlSeconds(ttlSeconds).build());
    } finally {
      channel.shutdownNow();
    }
  }

  private StatusRuntimeException refusedWithToken(String token) {
    return Calls.failure(TestChannels.open(cluster.pki(), target, null, token), Calls::get);
  }

  @Test
  void bootstrapWorksOnceWithoutCredentialsAndGivesAnAdminToken() {
    var anonymous = TestChannels.open(cluster.pki(), target, null, null);
    TokenSecretResponse first = AclGrpc.newBlockingStub(anonymous).bootstrap(AclBootstrapRequest.getDefaultInstance());
    assertThat(first.getSecret()).startsWith("synod_");
    assertThat(first.getToken().getRole()).isEqualTo(Role.ROLE_ADMIN);
    StatusRuntimeException again = Calls.failure(anonymous, ch -> AclGrpc.newBlockingStub(ch)
        .bootstrap(AclBootstrapRequest.getDefaultInstance()));
    assertThat(again.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
    assertThat(again.getStatus().getDescription()).contains("bootstrap");
    Calls.succeeds(TestChannels.open(cluster.pki(), target, null, first.getSecret()), ch -> {
      var tokens = AclGrpc.newBlockingStub(ch).listTokens(ListTokensRequest.getDefaultInstance()).getTokensList();
      assertThat(tokens).extracting(t -> t.getAccessorId()).contains(first.getToken().getAccessorId());
    });
  }

  @Test
  void tokensAreStoredAsHashesAndListedWithoutSecrets() {
    TokenSecretResponse t = create(Role.ROLE_CLIENT, 0);
    Calls.succeeds(TestChannels.open(cluster.pki(), target, null, t.getSecret()), ch -> Calls.put(ch, "by-token"));
    Calls.succeeds(TestChannels.open(cluster.pki(), target, adminCert, null), ch -> {
      var listed = AclGrpc.newBlockingStub(ch).listTokens(ListTokensRequest.getDefaultInstance());
      assertThat(listed.toString()).contains(t.getToken().getAccessorId()).doesNotContain(t.getSecret());
    });
  }

  @Test
  void revokedTokenIsRejected() {
    TokenSecretResponse t = create(Role.ROLE_CLIENT, 0);
    Calls.succeeds(TestChannels.open(cluster.pki(), target, adminCert, null), ch -> AclGrpc.newBlockingStub(ch)
        .revokeToken(RevokeTokenRequest.newBuilder().setAccessorId(t.getToken().getAccessorId()).build()));
    // Each node checks tokens against its own replica, which applies the revocation within moments.
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() -> {
      StatusRuntimeException e = refusedWithToken(t.getSecret());
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(e.getStatus().getDescription()).contains("revoked");
    });
    assertThat(logs.contains("refused", "UNAUTHENTICATED", t.getToken().getAccessorId(), "revoked")).isTrue();
  }

  @Test
  void rotatedTokenRefusesItsOldSecretAndAcceptsTheNewOne() {
    TokenSecretResponse t = create(Role.ROLE_CLIENT, 0);
    var admin = TestChannels.open(cluster.pki(), target, adminCert, null);
    TokenSecretResponse rotated = AclGrpc.newBlockingStub(admin)
        .rotateToken(RotateTokenRequest.newBuilder().setAccessorId(t.getToken().getAccessorId()).build());
    admin.shutdownNow();
    assertThat(rotated.getSecret()).isNotEqualTo(t.getSecret());
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(refusedWithToken(t.getSecret()).getStatus().getDescription()).contains("rotated"));
    Calls.succeeds(TestChannels.open(cluster.pki(), target, null, rotated.getSecret()), ch -> Calls.put(ch, "rotated-ok"));
  }

  @Test
  void forgedAndMalformedTokensAreRejected() {
    StatusRuntimeException forged = refusedWithToken("synod_" + "A".repeat(43));
    assertThat(forged.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(forged.getStatus().getDescription()).contains("not recognised");
    StatusRuntimeException malformed = refusedWithToken("letmein");
    assertThat(malformed.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
    assertThat(malformed.getStatus().getDescription()).contains("malformed");
    assertThat(logs.contains("refused", "UNAUTHENTICATED", "not recognised")).isTrue();
  }

  @Test
  void expiredTokenIsRejected() {
    TokenSecretResponse t = create(Role.ROLE_CLIENT, 1);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      StatusRuntimeException e = refusedWithToken(t.getSecret());
      assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.UNAUTHENTICATED);
      assertThat(e.getStatus().getDescription()).contains("expired");
    });
    assertThat(logs.contains("refused", t.getToken().getAccessorId(), "expired")).isTrue();
  }

  @Test
  void roleWithoutPermissionIsDenied() {
    TokenSecretResponse t = create(Role.ROLE_CLIENT, 0);
    StatusRuntimeException e = Calls.failure(TestChannels.open(cluster.pki(), target, null, t.getSecret()),
        ch -> AclGrpc.newBlockingStub(ch).listTokens(ListTokensRequest.getDefaultInstance()));
    assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.PERMISSION_DENIED);
    assertThat(e.getStatus().getDescription()).contains("role client").contains("allowed: admin");
  }

  @Test
  void floodOverTheRateLimitGetsResourceExhaustedWithRetryAdvice() {
    TokenSecretResponse t = create(Role.ROLE_CLIENT, 0);
    StatusRuntimeException limited = Calls.failure(TestChannels.open(cluster.pki(), target, null, t.getSecret()), ch -> {
      for (int i = 0; i < 200; i++) {
        Calls.get(ch);
      }
    });
    assertThat(limited.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
    Metadata trailers = limited.getTrailers();
    assertThat(Long.parseLong(trailers.get(Metadata.Key.of("retry-after-ms", Metadata.ASCII_STRING_MARSHALLER))))
        .isPositive();
    com.google.rpc.Status detail = StatusProto.fromThrowable(limited);
    assertThat(detail.getDetailsList()).anyMatch(any -> any.is(com.google.rpc.RetryInfo.class));
    assertThat(logs.contains("refused", "RESOURCE_EXHAUSTED", t.getToken().getAccessorId())).isTrue();
  }
}
