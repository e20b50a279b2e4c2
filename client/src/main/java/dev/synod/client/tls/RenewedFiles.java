package dev.synod.client.tls;

import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Pem;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Objects;

/**
 * Where a renewed certificate goes. Each file is replaced atomically, the key first: a reloader
 * that looks between the two writes finds a new key with the old certificate, refuses the
 * mismatched pair and keeps its previous one until the certificate lands too.
 */
record RenewedFiles(Path certFile, Path keyFile, Path caFile) {
  RenewedFiles {
    Objects.requireNonNull(certFile, "certFile");
    Objects.requireNonNull(keyFile, "keyFile");
    Objects.requireNonNull(caFile, "caFile");
  }

  void write(CertificateMaterial material, List<X509Certificate> cas) {
    Pem.writeAtomically(keyFile, Pem.encodePrivateKey(material.privateKey()), true);
    Pem.writeAtomically(certFile, Pem.encodeCertificates(material.certificate()), false);
    if (!cas.isEmpty()) {
      Pem.writeAtomically(caFile, Pem.encodeCertificates(cas.toArray(X509Certificate[]::new)), false);
    }
  }
}
