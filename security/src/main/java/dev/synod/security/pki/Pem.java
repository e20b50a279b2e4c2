package dev.synod.security.pki;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.AccessDeniedException;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.security.PrivateKey;
import java.security.cert.CertificateEncodingException;
import java.security.cert.X509Certificate;
import java.util.List;

/**
 * PEM encoding, parsing and file I/O for certificates and keys. Every parse error is a {@link
 * PemException} naming the field (the flag or config key the text came from) and, for files, the path.
 */
public final class Pem {
  /** Certificates and keys are a few KiB; anything this big is the wrong file. */
  private static final long MAX_FILE_BYTES = 1 << 20;

  private Pem() {}

  public static String encodeCertificates(X509Certificate... certs) {
    if (certs.length == 0) {
      throw new IllegalArgumentException("certs: none (expected: at least one certificate)");
    }
    StringBuilder out = new StringBuilder();
    for (X509Certificate cert : certs) {
      try {
        out.append(PemCodec.encode(PemCodec.CERTIFICATE, cert.getEncoded()));
      } catch (CertificateEncodingException e) {
        throw new IllegalArgumentException("certificate " + CertificateMaterial.describe(cert) + ": cannot encode: " + e.getMessage(), e);
      }
    }
    return out.toString();
  }

  /** PKCS#8 "PRIVATE KEY", the one encoding every TLS stack reads. */
  public static String encodePrivateKey(PrivateKey key) {
    if (!"PKCS#8".equals(key.getFormat()) || key.getEncoded() == null) {
      throw new IllegalArgumentException("privateKey: format " + key.getFormat() + " (expected: PKCS#8)");
    }
    return PemCodec.encode("PRIVATE KEY", key.getEncoded());
  }

  public static List<X509Certificate> parseCertificates(String field, String pem) {
    return PemCodec.certificates(field, pem);
  }

  /** Accepts PKCS#8 "PRIVATE KEY" and the OpenSSL "EC PRIVATE KEY" / "RSA PRIVATE KEY" forms. */
  public static PrivateKey parsePrivateKey(String field, String pem) {
    return PemCodec.privateKey(field, pem);
  }

  public static List<X509Certificate> readCertificates(String field, Path file) {
    return PemCodec.certificates(source(field, file), read(field, file));
  }

  public static PrivateKey readPrivateKey(String field, Path file) {
    return PemCodec.privateKey(source(field, file), read(field, file));
  }

  /** The first certificate of {@code certFile} with the key of {@code keyFile}, checked to match. */
  public static CertificateMaterial readMaterial(String certField, Path certFile, String keyField, Path keyFile) {
    X509Certificate leaf = readCertificates(certField, certFile).get(0);
    PrivateKey key = readPrivateKey(keyField, keyFile);
    if (!Keys.matches(leaf.getPublicKey(), key)) {
      throw new PemException(source(keyField, keyFile) + ": private key does not match the certificate "
          + CertificateMaterial.describe(leaf) + " in " + source(certField, certFile));
    }
    return new CertificateMaterial(leaf, key);
  }

  /**
   * Writes via a temp file in the same directory, fsync, rename over the target and fsync of the
   * directory. Where the file system has POSIX permissions, {@code secret} files get 0600, others 0644.
   */
  public static void writeAtomically(Path file, String content, boolean secret) {
    AtomicFileWriter.write(file, content, secret);
  }

  private static String source(String field, Path file) {
    return field + " \"" + file + "\"";
  }

  private static String read(String field, Path file) {
    String source = source(field, file);
    try {
      if (Files.isDirectory(file)) {
        throw new PemException(source + ": is a directory (expected: a PEM file)");
      }
      long size = Files.size(file);
      if (size == 0) {
        throw new PemException(source + ": file is empty (expected: PEM text)");
      }
      if (size > MAX_FILE_BYTES) {
        throw new PemException(source + ": file has " + size + " bytes (expected: at most " + MAX_FILE_BYTES + ")");
      }
      // PEM is ASCII; Latin-1 decodes any byte, so binary garbage reaches the PEM parser and its clearer message.
      return new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    } catch (NoSuchFileException e) {
      throw new PemException(source + ": file does not exist", e);
    } catch (AccessDeniedException e) {
      throw new PemException(source + ": cannot read file (permission denied)", e);
    } catch (IOException e) {
      throw new PemException(source + ": cannot read file: " + e, e);
    }
  }
}
