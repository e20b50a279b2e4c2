package dev.synod.security.pki;

import java.security.PrivateKey;
import java.security.cert.X509Certificate;

/** A certificate together with its private key; construction proves they belong together. */
public record CertificateMaterial(X509Certificate certificate, PrivateKey privateKey) {

  public CertificateMaterial {
    if (certificate == null || privateKey == null) {
      throw new IllegalArgumentException("certificate and privateKey: both required (got "
          + (certificate == null ? "no certificate" : "no private key") + ")");
    }
    if (!Keys.matches(certificate.getPublicKey(), privateKey)) {
      throw new IllegalArgumentException("privateKey: " + privateKey.getAlgorithm()
          + " key does not match the public key of certificate " + describe(certificate));
    }
  }

  /** Subject and serial: enough to find the certificate in logs and files. */
  static String describe(X509Certificate certificate) {
    return certificate.getSubjectX500Principal().getName() + " (serial " + certificate.getSerialNumber().toString(16) + ")";
  }

  @Override
  public String toString() {
    // Never print the key.
    return "CertificateMaterial[" + describe(certificate) + "]";
  }
}
