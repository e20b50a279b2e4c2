package dev.synod.client;

import dev.synod.proto.v1.CaRootsRequest;
import dev.synod.proto.v1.CertificatesGrpc;
import dev.synod.proto.v1.SignCertificateRequest;
import dev.synod.proto.v1.SignCertificateResponse;
import dev.synod.security.pki.Pem;
import io.grpc.Status;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * The cluster's built-in CA, from {@link SynodClient#certificates()}. Any node signs (the CA is
 * replicated), so calls round-robin; a sign call is retried only on UNAVAILABLE.
 */
public final class CertificateClient {
  private final UnaryCaller caller;

  CertificateClient(UnaryCaller caller) {
    this.caller = caller;
  }

  /**
   * Asks the CA to certify the CSR's key as {@code spiffe://<cluster>/<caller's role>/<name>}. The
   * role comes from the caller's credential, not from the CSR. {@code ttl} of zero means the
   * cluster's default (longer requests are capped at it); {@code dns} and {@code ips} may be empty.
   */
  public SignedCertificate sign(String csrPem, String name, Duration ttl, List<String> dns, List<String> ips) {
    Objects.requireNonNull(csrPem, "csrPem");
    Objects.requireNonNull(name, "name");
    SignCertificateResponse r = caller.await(CertificatesGrpc.getSignMethod(), SignCertificateRequest.newBuilder()
        .setCsrPem(csrPem).setName(name).setTtlSeconds(AclClient.ttlSeconds(ttl))
        .addAllDnsNames(dns == null ? List.of() : dns).addAllIpAddresses(ips == null ? List.of() : ips).build(),
        CallPolicy.ANY_NODE);
    List<X509Certificate> leaf = parse("certificate_pem", r.getCertificatePem());
    return new SignedCertificate(leaf.get(0), parse("ca_certificate_pem", r.getCaCertificatePem()));
  }

  /** PEM of the CA certificates the cluster signs with, for a trust store. */
  public String roots() {
    String pem = caller.await(CertificatesGrpc.getRootsMethod(), CaRootsRequest.getDefaultInstance(),
        CallPolicy.READ).getCaCertificatePem();
    parse("ca_certificate_pem", pem);
    return pem;
  }

  /** A server answering with unusable PEM is a server bug, reported like other failed calls. */
  private static List<X509Certificate> parse(String field, String pem) {
    try {
      return Pem.parseCertificates(field, pem);
    } catch (IllegalArgumentException e) {
      throw new SynodException(Status.Code.INTERNAL, "the server answered with an unusable certificate: "
          + e.getMessage(), 1, null, e);
    }
  }
}
