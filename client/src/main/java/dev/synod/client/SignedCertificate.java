package dev.synod.client;

import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.List;
import java.util.Objects;

/** A certificate the cluster's CA signed, with the CA certificates that verify it. */
public record SignedCertificate(X509Certificate certificate, List<X509Certificate> caCertificates) {
  public SignedCertificate {
    Objects.requireNonNull(certificate, "certificate");
    caCertificates = List.copyOf(caCertificates);
  }

  public Instant notBefore() {
    return certificate.getNotBefore().toInstant();
  }

  public Instant notAfter() {
    return certificate.getNotAfter().toInstant();
  }
}
