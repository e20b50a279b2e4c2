package dev.synod.security.pki;

import java.security.GeneralSecurityException;
import java.security.KeyPair;
import java.security.KeyPairGenerator;
import java.security.spec.AlgorithmParameterSpec;
import java.security.spec.ECGenParameterSpec;
import java.security.spec.RSAKeyGenParameterSpec;
import java.util.Arrays;
import java.util.stream.Collectors;

/** The key algorithms Synod issues. EC_P256 is the default: small, fast, and accepted everywhere. */
public enum KeyType {
  EC_P256("ec-p256", "EC", new ECGenParameterSpec("secp256r1"), "SHA256withECDSA"),
  EC_P384("ec-p384", "EC", new ECGenParameterSpec("secp384r1"), "SHA384withECDSA"),
  RSA_2048("rsa-2048", "RSA", new RSAKeyGenParameterSpec(2048, RSAKeyGenParameterSpec.F4), "SHA256withRSA"),
  RSA_4096("rsa-4096", "RSA", new RSAKeyGenParameterSpec(4096, RSAKeyGenParameterSpec.F4), "SHA256withRSA");

  private final String wireName;
  private final String algorithm;
  private final AlgorithmParameterSpec parameters;
  private final String signatureAlgorithm;

  KeyType(String wireName, String algorithm, AlgorithmParameterSpec parameters, String signatureAlgorithm) {
    this.wireName = wireName;
    this.algorithm = algorithm;
    this.parameters = parameters;
    this.signatureAlgorithm = signatureAlgorithm;
  }

  public String wireName() {
    return wireName;
  }

  /** The JCA key algorithm, "EC" or "RSA". */
  public String algorithm() {
    return algorithm;
  }

  /** The algorithm this key type signs with (certificates, CSRs). */
  public String signatureAlgorithm() {
    return signatureAlgorithm;
  }

  public KeyPair generate() {
    try {
      KeyPairGenerator generator = KeyPairGenerator.getInstance(algorithm);
      generator.initialize(parameters);
      return generator.generateKeyPair();
    } catch (GeneralSecurityException e) {
      // Both algorithms are mandatory in every Java 17 runtime; failing here means a broken JRE.
      throw new IllegalStateException("cannot generate a " + wireName + " key pair: " + e.getMessage(), e);
    }
  }

  public static KeyType parse(String field, String text) {
    for (KeyType type : values()) {
      if (type.wireName.equals(text)) {
        return type;
      }
    }
    String names = Arrays.stream(values()).map(KeyType::wireName).collect(Collectors.joining(", "));
    String shown = text == null ? "null" : "\"" + text + "\"";
    throw new IllegalArgumentException(field + ": " + shown + " (expected: one of " + names + ")");
  }
}
