package dev.synod.node.auth;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Base64;
import java.util.HexFormat;
import java.util.regex.Pattern;

/**
 * ACL token secrets: 256 random bits shown once to the caller; the cluster stores only their SHA-256.
 * A fast hash is enough because the secret has full entropy (nothing to brute-force from a dictionary).
 */
public final class TokenSecrets {
  static final String PREFIX = "synod_";
  private static final Pattern SHAPE = Pattern.compile("synod_[A-Za-z0-9_-]{43}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private TokenSecrets() {}

  public static String newSecret() {
    byte[] bytes = new byte[32];
    RANDOM.nextBytes(bytes);
    return PREFIX + Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }

  /** A fresh accessor id: the public handle of a token, 16 hex digits. */
  public static String newAccessorId() {
    byte[] bytes = new byte[8];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  public static boolean wellFormed(String secret) {
    return SHAPE.matcher(secret).matches();
  }

  public static byte[] sha256(String secret) {
    try {
      return MessageDigest.getInstance("SHA-256").digest(secret.getBytes(StandardCharsets.UTF_8));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("every JDK has SHA-256", e);
    }
  }
}
