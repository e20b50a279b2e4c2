package dev.synod.client;

import dev.synod.proto.v1.AclToken;
import java.util.Objects;

/**
 * A token together with its secret, as returned once by bootstrap, create and rotate: the cluster
 * keeps only the secret's hash, so this is the only chance to store it.
 */
public record TokenSecret(AclToken token, String secret) {
  public TokenSecret {
    Objects.requireNonNull(token, "token");
    Objects.requireNonNull(secret, "secret");
  }

  /** The public handle of the token, for list, revoke and rotate. */
  public String accessorId() {
    return token.getAccessorId();
  }

  @Override
  public String toString() {
    // Never print the secret: this may end up in a log line.
    return "TokenSecret[accessor " + token.getAccessorId() + ", role " + token.getRole() + "]";
  }
}
