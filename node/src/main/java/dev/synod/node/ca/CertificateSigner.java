package dev.synod.node.ca;

import dev.synod.node.ratelimit.TokenBucket;
import dev.synod.proto.v1.SigningCa;
import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Csr;
import dev.synod.security.pki.LeafSpec;
import dev.synod.security.pki.Pem;
import io.grpc.Status;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.function.LongSupplier;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The built-in CA: signs CSRs with the CA replicated through Raft, so whichever node a caller reaches can
 * sign. Lifetimes are capped at the configured leaf TTL, and signing is rate-limited per node because an
 * expiring fleet renewing at once must not starve the API.
 */
public final class CertificateSigner {
  private static final Logger log = LoggerFactory.getLogger(CertificateSigner.class);

  private final String clusterId;
  private final SigningCaSource source;
  private final Duration leafTtl;
  private final Clock clock;
  private final LongSupplier nanoTime;
  private final TokenBucket signRate;
  private String parsedFor;
  private CertificateAuthority parsed;

  public CertificateSigner(String clusterId, SigningCaSource source, Duration leafTtl, int signsPerSecond,
      Clock clock, LongSupplier nanoTime) {
    this.clusterId = clusterId;
    this.source = source;
    this.leafTtl = leafTtl;
    this.clock = clock;
    this.nanoTime = nanoTime;
    this.signRate = new TokenBucket(signsPerSecond, signsPerSecond, nanoTime.getAsLong());
  }

  /** A signed certificate and the CA that signed it. */
  public record Signed(X509Certificate certificate, X509Certificate ca) { }

  /**
   * Signs {@code csrPem} for {@code role}/{@code name}; throws a gRPC status exception for a CSR that does not
   * verify, a missing CA, or a caller over the signing rate.
   */
  public Signed sign(Role role, String name, String csrPem, Duration requested, List<String> dns, List<String> ips) {
    long waitNanos = signRate.tryTake(nanoTime.getAsLong());
    if (waitNanos > 0) {
      throw Status.RESOURCE_EXHAUSTED.withDescription("certificate signing is over its rate; retry in "
          + Math.max(1, waitNanos / 1_000_000) + " ms").asRuntimeException();
    }
    CertificateAuthority ca = authority();
    Duration ttl = requested.isZero() || requested.compareTo(leafTtl) > 0 ? leafTtl : requested;
    try {
      PKCS10CertificationRequest csr = Csr.parse(csrPem);
      LeafSpec spec = new LeafSpec(new SpiffeId(clusterId, role, name), dns, ips, ttl);
      X509Certificate cert = ca.sign(csr, spec, clock);
      log.info("signed a certificate for {} valid until {}", spec.id(), cert.getNotAfter().toInstant());
      return new Signed(cert, ca.certificate());
    } catch (IllegalArgumentException e) {
      throw Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException();
    }
  }

  public X509Certificate caCertificate() {
    return authority().certificate();
  }

  private synchronized CertificateAuthority authority() {
    SigningCa current = source.current().orElseThrow(() -> Status.FAILED_PRECONDITION.withDescription(
        "no signing CA is installed: start a node with --tls-ca-key-file").asRuntimeException());
    if (!current.getCertificatePem().equals(parsedFor)) {
      X509Certificate cert = Pem.parseCertificates("signing_ca.certificate_pem", current.getCertificatePem()).get(0);
      parsed = CertificateAuthority.of(new CertificateMaterial(cert,
          Pem.parsePrivateKey("signing_ca.private_key_pem", current.getPrivateKeyPem())));
      parsedFor = current.getCertificatePem();
    }
    return parsed;
  }
}
