package dev.synod.node.ca;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.proto.v1.SigningCa;
import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.Csr;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.Pem;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

/** The built-in CA's signer: identity from the caller, lifetime capped, rate-limited, clear refusals. */
class CertificateSignerTest {
  private static final Instant NOW = Instant.parse("2026-11-23T12:00:00Z");
  private final Clock clock = Clock.fixed(NOW, ZoneOffset.UTC);
  private final CertificateAuthority ca = CertificateAuthority.create("c1", Duration.ofDays(30), KeyType.EC_P256, clock);
  private final AtomicReference<Optional<SigningCa>> installed = new AtomicReference<>(Optional.of(
      SigningCa.newBuilder().setCertificatePem(Pem.encodeCertificates(ca.certificate()))
          .setPrivateKeyPem(Pem.encodePrivateKey(ca.material().privateKey())).build()));
  private final AtomicLong nanos = new AtomicLong();
  private final CertificateSigner signer = new CertificateSigner("c1", installed::get, Duration.ofHours(24), 2,
      clock, nanos::get);

  private static String csr(String name) {
    KeyType type = KeyType.EC_P256;
    return Csr.create(type.generate(), type, new SpiffeId("c1", Role.WORKER, name));
  }

  @Test
  void signsForTheCallersRoleAndCapsTheLifetime() throws Exception {
    X509Certificate cert = signer.sign(Role.WORKER, "w1", csr("w1"), Duration.ofDays(7), List.of(), List.of())
        .certificate();
    assertThat(SpiffeId.fromCertificate(cert)).contains(new SpiffeId("c1", Role.WORKER, "w1"));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofHours(24)));
    cert.verify(ca.certificate().getPublicKey());
    X509Certificate shorter = signer.sign(Role.EDGE, "e1", csr("e1"), Duration.ofMinutes(5), List.of(), List.of())
        .certificate();
    assertThat(shorter.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofMinutes(5)));
    assertThat(SpiffeId.fromCertificate(shorter).orElseThrow().role()).isEqualTo(Role.EDGE);
  }

  @Test
  void signingIsRateLimited() {
    String request = csr("w1");
    signer.sign(Role.WORKER, "w1", request, Duration.ZERO, List.of(), List.of());
    signer.sign(Role.WORKER, "w1", request, Duration.ZERO, List.of(), List.of());
    assertThatThrownBy(() -> signer.sign(Role.WORKER, "w1", request, Duration.ZERO, List.of(), List.of()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.RESOURCE_EXHAUSTED);
          assertThat(e.getStatus().getDescription()).contains("retry in");
        });
    nanos.addAndGet(1_000_000_000L);
    assertThat(signer.sign(Role.WORKER, "w1", request, Duration.ZERO, List.of(), List.of()).certificate()).isNotNull();
  }

  @Test
  void tamperedCsrIsInvalidArgumentNamingTheField() {
    String good = csr("w1");
    String tampered = good.replace(good.substring(100, 104), "AAAA");
    assertThatThrownBy(() -> signer.sign(Role.WORKER, "w1", tampered, Duration.ZERO, List.of(), List.of()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("csr_pem");
        });
  }

  @Test
  void withoutAnInstalledCaSigningIsAFailedPrecondition() {
    installed.set(Optional.empty());
    assertThatThrownBy(() -> signer.sign(Role.WORKER, "w1", csr("w1"), Duration.ZERO, List.of(), List.of()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.FAILED_PRECONDITION);
          assertThat(e.getStatus().getDescription()).contains("--tls-ca-key-file");
        });
  }
}
