package dev.synod.security.pki;

import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.Signature;
import java.security.interfaces.ECKey;
import org.bouncycastle.asn1.x509.SubjectPublicKeyInfo;
import org.bouncycastle.openssl.PEMException;
import org.bouncycastle.openssl.jcajce.JcaPEMKeyConverter;

/** Key helpers shared by the CA, CSRs and PEM loading. */
final class Keys {
  private static final SecureRandom RANDOM = new SecureRandom();

  private Keys() {}

  /**
   * Whether the private key belongs to the public key. Signing a nonce and verifying it works for
   * every algorithm, where comparing key components would need per-algorithm math.
   */
  static boolean matches(PublicKey publicKey, PrivateKey privateKey) {
    if (!publicKey.getAlgorithm().equals(privateKey.getAlgorithm())) {
      return false;
    }
    try {
      String algorithm = signatureAlgorithm(publicKey);
      byte[] nonce = new byte[32];
      RANDOM.nextBytes(nonce);
      Signature signer = Signature.getInstance(algorithm);
      signer.initSign(privateKey);
      signer.update(nonce);
      byte[] signature = signer.sign();
      Signature verifier = Signature.getInstance(algorithm);
      verifier.initVerify(publicKey);
      verifier.update(nonce);
      return verifier.verify(signature);
    } catch (GeneralSecurityException | IllegalArgumentException e) {
      // A key the JCA cannot use with this certificate's algorithm is, for us, a key that does not match.
      return false;
    }
  }

  /**
   * The JCA key for an encoded public key. BouncyCastle's converter maps algorithm OIDs to JCA names;
   * the JDK's own providers do not look key factories up by OID.
   */
  static PublicKey publicKey(String field, SubjectPublicKeyInfo info) {
    try {
      return new JcaPEMKeyConverter().getPublicKey(info);
    } catch (PEMException | RuntimeException e) {
      throw new IllegalArgumentException(field + ": unusable public key: " + e.getMessage(), e);
    }
  }

  /** The signature algorithm a key of this kind signs with: the hash grows with the curve. */
  static String signatureAlgorithm(PublicKey key) {
    if (key instanceof ECKey ec) {
      int bits = ec.getParams().getCurve().getField().getFieldSize();
      return bits <= 256 ? "SHA256withECDSA" : bits <= 384 ? "SHA384withECDSA" : "SHA512withECDSA";
    }
    if ("RSA".equals(key.getAlgorithm())) {
      return "SHA256withRSA";
    }
    throw new IllegalArgumentException("key algorithm: \"" + key.getAlgorithm() + "\" (expected: EC or RSA)");
  }
}
