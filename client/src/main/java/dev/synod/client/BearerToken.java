package dev.synod.client;

import io.grpc.CallCredentials;
import io.grpc.Metadata;
import io.grpc.SecurityLevel;
import io.grpc.Status;
import java.util.concurrent.Executor;

/**
 * Adds {@code authorization: Bearer <secret>} to every call. The header is withheld (the call fails
 * UNAUTHENTICATED) on a transport that is not encrypted, so a misconfigured custom channel factory
 * cannot leak the secret.
 */
final class BearerToken extends CallCredentials {
  static final Metadata.Key<String> AUTHORIZATION =
      Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER);

  private final String header;

  BearerToken(String secret) {
    this.header = "Bearer " + validate(secret);
  }

  /** Rejects what could not travel in an HTTP/2 header, without echoing the secret. */
  static String validate(String secret) {
    if (secret == null || secret.isBlank()) {
      throw new IllegalArgumentException("token: " + (secret == null ? "null" : "blank")
          + " (expected: the token's secret)");
    }
    for (int i = 0; i < secret.length(); i++) {
      char c = secret.charAt(i);
      if (c <= ' ' || c > '~') {
        throw new IllegalArgumentException("token: contains a space, control or non-ASCII character at index "
            + i + " (expected: printable ASCII without spaces)");
      }
    }
    return secret;
  }

  @Override
  public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
    if (info.getSecurityLevel() != SecurityLevel.PRIVACY_AND_INTEGRITY) {
      applier.fail(Status.UNAUTHENTICATED.withDescription("bearer token withheld: the channel to "
          + info.getAuthority() + " is not encrypted (security level " + info.getSecurityLevel() + ")"));
      return;
    }
    Metadata headers = new Metadata();
    headers.put(AUTHORIZATION, header);
    applier.apply(headers);
  }

  @Override
  public String toString() {
    return "BearerToken[redacted]";
  }
}
