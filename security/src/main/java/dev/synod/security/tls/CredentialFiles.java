package dev.synod.security.tls;

import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Pem;
import dev.synod.security.pki.PemException;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.BasicFileAttributes;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * The CA, certificate and key files, and what they looked like when last read, so the reloader
 * re-reads only after a change. Not thread-safe: {@link TlsCredentials} serializes access.
 */
final class CredentialFiles {
  static final String CA_FIELD = "tls-ca-file";
  static final String CERT_FIELD = "tls-cert-file";
  static final String KEY_FIELD = "tls-key-file";

  private final Path caFile;
  private final Path certFile;
  private final Path keyFile;
  private Stamp caStamp;
  private Stamp certStamp;
  private Stamp keyStamp;

  CredentialFiles(Path caFile, Path certFile, Path keyFile) {
    if (caFile == null) {
      throw new IllegalArgumentException(CA_FIELD + ": null (expected: a PEM file of trusted CA certificates)");
    }
    if ((certFile == null) != (keyFile == null)) {
      throw new IllegalArgumentException(CERT_FIELD + " and " + KEY_FIELD + ": only " + (certFile == null ? KEY_FIELD : CERT_FIELD)
          + " is set (expected: both or neither)");
    }
    this.caFile = caFile;
    this.certFile = certFile;
    this.keyFile = keyFile;
  }

  boolean hasIdentity() {
    return certFile != null;
  }

  boolean casChanged() {
    return !Stamp.of(caFile).equals(caStamp);
  }

  boolean identityChanged() {
    return hasIdentity() && (!Stamp.of(certFile).equals(certStamp) || !Stamp.of(keyFile).equals(keyStamp));
  }

  // Stamps are taken before reading: a write racing the read then shows up as a change next time.
  List<X509Certificate> readCas() {
    caStamp = Stamp.of(caFile);
    return Pem.readCertificates(CA_FIELD, caFile);
  }

  CertificateMaterial readIdentity() {
    certStamp = Stamp.of(certFile);
    keyStamp = Stamp.of(keyFile);
    CertificateMaterial material = Pem.readMaterial(CERT_FIELD, certFile, KEY_FIELD, keyFile);
    try {
      SpiffeId.fromCertificate(material.certificate());
    } catch (CertificateException e) {
      // Checked here so the error names the file; TlsCredentials would only see the certificate.
      throw new PemException(CERT_FIELD + " \"" + certFile + "\": " + e.getMessage(), e);
    }
    return material;
  }

  String describeCas() {
    return CA_FIELD + " \"" + caFile + "\"";
  }

  String describeIdentity() {
    return CERT_FIELD + " \"" + certFile + "\" and " + KEY_FIELD + " \"" + keyFile + "\"";
  }

  /**
   * Modification time, size and file key (inode): an atomic rename always changes the file key, even
   * when the new content has the same size and lands within the file system's timestamp granularity.
   */
  private record Stamp(Object modified, long size, Object fileKey) {
    private static final Stamp UNREADABLE = new Stamp(null, -1, null);

    static Stamp of(Path file) {
      try {
        BasicFileAttributes attributes = Files.readAttributes(file, BasicFileAttributes.class);
        return new Stamp(attributes.lastModifiedTime(), attributes.size(), attributes.fileKey());
      } catch (IOException e) {
        // Missing or unreadable right now; the read that follows reports why.
        return UNREADABLE;
      }
    }
  }
}
