package dev.synod.security.pki;

/** Bad PEM input: the message names the field (flag or config key), the file if any, and the problem. */
public final class PemException extends IllegalArgumentException {
  private static final long serialVersionUID = 1L;

  public PemException(String message) {
    super(message);
  }

  public PemException(String message, Throwable cause) {
    super(message, cause);
  }
}
