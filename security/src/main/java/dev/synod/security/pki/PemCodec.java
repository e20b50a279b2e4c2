package dev.synod.security.pki;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.StringReader;
import java.security.PrivateKey;
import java.security.cert.CertificateException;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.DERNull;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.pkcs.RSAPrivateKey;
import org.bouncycastle.asn1.sec.ECPrivateKey;
import org.bouncycastle.asn1.x509.AlgorithmIdentifier;
import org.bouncycastle.asn1.x9.X9ObjectIdentifiers;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;
import org.bouncycastle.util.io.pem.PemHeader;
import org.bouncycastle.util.io.pem.PemObject;
import org.bouncycastle.util.io.pem.PemReader;

/** PEM text to and from certificates and keys. {@code source} is "field" or "field \"path\"" for messages. */
final class PemCodec {
  static final String CERTIFICATE = "CERTIFICATE";
  private static final String KEY_TYPES = "PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY";

  private PemCodec() {}

  static String encode(String type, byte[] der) {
    String body = Base64.getMimeEncoder(64, new byte[] {'\n'}).encodeToString(der);
    return "-----BEGIN " + type + "-----\n" + body + "\n-----END " + type + "-----\n";
  }

  static List<PemObject> blocks(String source, String pem) {
    if (pem == null || pem.isBlank()) {
      throw new PemException(source + ": empty (expected: PEM text)");
    }
    List<PemObject> blocks = new ArrayList<>();
    try (PemReader reader = new PemReader(new StringReader(pem))) {
      for (PemObject block = reader.readPemObject(); block != null; block = reader.readPemObject()) {
        blocks.add(block);
      }
    } catch (IOException | RuntimeException e) {
      // BouncyCastle reports bad base64 as an unchecked DecoderException.
      throw new PemException(source + ": malformed PEM: " + e.getMessage(), e);
    }
    return blocks;
  }

  static List<X509Certificate> certificates(String source, String pem) {
    List<PemObject> blocks = blocks(source, pem);
    List<X509Certificate> certs = new ArrayList<>();
    for (PemObject block : blocks) {
      if (!CERTIFICATE.equals(block.getType())) {
        continue;
      }
      try {
        certs.add((X509Certificate) x509().generateCertificate(new ByteArrayInputStream(block.getContent())));
      } catch (CertificateException e) {
        throw new PemException(source + ": CERTIFICATE block " + (certs.size() + 1) + " is malformed: " + e.getMessage(), e);
      }
    }
    if (certs.isEmpty()) {
      throw new PemException(source + ": no CERTIFICATE block found (expected: -----BEGIN CERTIFICATE-----, found: " + found(blocks) + ")");
    }
    return List.copyOf(certs);
  }

  static PrivateKey privateKey(String source, String pem) {
    List<PemObject> blocks = blocks(source, pem);
    for (PemObject block : blocks) {
      String type = block.getType();
      if (type.equals("ENCRYPTED PRIVATE KEY") || (type.endsWith("PRIVATE KEY") && encrypted(block))) {
        throw new PemException(source + ": encrypted private keys are not supported (expected: an unencrypted " + KEY_TYPES + ")");
      }
      if (type.equals("PRIVATE KEY") || type.equals("EC PRIVATE KEY") || type.equals("RSA PRIVATE KEY")) {
        try {
          return new JcaPEMKeyConverter().getPrivateKey(pkcs8(source, block));
        } catch (IOException | RuntimeException e) {
          throw new PemException(source + ": malformed " + type + " block: " + e.getMessage(), e);
        }
      }
    }
    throw new PemException(source + ": not a private key (expected: a " + KEY_TYPES + " block, found: " + found(blocks) + ")");
  }

  /** Wraps the OpenSSL "traditional" EC/RSA encodings into PKCS#8, which the JCA understands. */
  private static PrivateKeyInfo pkcs8(String source, PemObject block) throws IOException {
    byte[] der = block.getContent();
    switch (block.getType()) {
      case "EC PRIVATE KEY": {
        ECPrivateKey ec = ECPrivateKey.getInstance(der);
        if (ec.getParametersObject() == null) {
          throw new PemException(source + ": EC PRIVATE KEY names no curve (expected: a key with embedded curve parameters)");
        }
        return new PrivateKeyInfo(new AlgorithmIdentifier(X9ObjectIdentifiers.id_ecPublicKey, ec.getParametersObject()), ec);
      }
      case "RSA PRIVATE KEY":
        return new PrivateKeyInfo(new AlgorithmIdentifier(PKCSObjectIdentifiers.rsaEncryption, DERNull.INSTANCE), RSAPrivateKey.getInstance(der));
      default:
        return PrivateKeyInfo.getInstance(der);
    }
  }

  private static boolean encrypted(PemObject block) {
    for (Object header : block.getHeaders()) {
      if (header instanceof PemHeader h && "Proc-Type".equalsIgnoreCase(h.getName()) && h.getValue().contains("ENCRYPTED")) {
        return true;
      }
    }
    return false;
  }

  private static String found(List<PemObject> blocks) {
    return blocks.isEmpty() ? "no PEM blocks" : String.join(", ", blocks.stream().map(PemObject::getType).toList());
  }

  private static CertificateFactory x509() {
    try {
      return CertificateFactory.getInstance("X.509");
    } catch (CertificateException e) {
      throw new IllegalStateException("X.509 certificate factory unavailable: " + e.getMessage(), e);
    }
  }
}
