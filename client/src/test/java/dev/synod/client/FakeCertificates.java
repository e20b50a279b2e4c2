package dev.synod.client;

import dev.synod.proto.v1.CaRootsRequest;
import dev.synod.proto.v1.CaRootsResponse;
import dev.synod.proto.v1.CertificatesGrpc;
import dev.synod.proto.v1.SignCertificateRequest;
import dev.synod.proto.v1.SignCertificateResponse;
import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.Csr;
import dev.synod.security.pki.LeafSpec;
import dev.synod.security.pki.Pem;
import dev.synod.security.testing.TestPki;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;

/**
 * A Certificates service signing with a real CA, as a node does for a worker's join token: the
 * role is fixed ({@link Role#WORKER}), the name comes from the request, the lifetime is the
 * requested one capped at {@link #maxTtl}.
 */
public final class FakeCertificates extends CertificatesGrpc.CertificatesImplBase {
  public final TestPki pki;
  public volatile Duration maxTtl = Duration.ofHours(1);
  /** When set, Sign answers with this instead of the certificate's PEM. */
  public volatile String certificatePemOverride;

  public FakeCertificates(TestPki pki) {
    this.pki = pki;
  }

  @Override
  public void sign(SignCertificateRequest req, StreamObserver<SignCertificateResponse> obs) {
    Duration ttl = req.getTtlSeconds() == 0 ? maxTtl : Duration.ofSeconds(req.getTtlSeconds());
    ttl = ttl.compareTo(maxTtl) > 0 ? maxTtl : ttl;
    CertificateAuthority ca = pki.ca();
    X509Certificate cert;
    try {
      cert = ca.sign(Csr.parse(req.getCsrPem()), new LeafSpec(new SpiffeId(pki.clusterId(), Role.WORKER, req.getName()),
          req.getDnsNamesList(), req.getIpAddressesList(), ttl), Clock.systemUTC());
    } catch (IllegalArgumentException e) {
      obs.onError(Status.INVALID_ARGUMENT.withDescription(e.getMessage()).asRuntimeException());
      return;
    }
    String pem = certificatePemOverride != null ? certificatePemOverride : Pem.encodeCertificates(cert);
    obs.onNext(SignCertificateResponse.newBuilder().setCertificatePem(pem)
        .setCaCertificatePem(Pem.encodeCertificates(ca.certificate()))
        .setNotAfterUnixMs(cert.getNotAfter().getTime()).build());
    obs.onCompleted();
  }

  @Override
  public void roots(CaRootsRequest req, StreamObserver<CaRootsResponse> obs) {
    obs.onNext(CaRootsResponse.newBuilder().setCaCertificatePem(Pem.encodeCertificates(pki.caCertificate())).build());
    obs.onCompleted();
  }
}
