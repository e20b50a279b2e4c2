package dev.synod.node.auth;

/** A caller whose credentials do not hold; the message says why and never contains the secret. */
public final class AuthenticationFailure extends Exception {
  public AuthenticationFailure(String reason) {
    super(reason, null, false, false);
  }
}
