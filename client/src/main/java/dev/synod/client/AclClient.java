package dev.synod.client;

import dev.synod.proto.v1.AclBootstrapRequest;
import dev.synod.proto.v1.AclGrpc;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.CreateTokenRequest;
import dev.synod.proto.v1.ListTokensRequest;
import dev.synod.proto.v1.RevokeTokenRequest;
import dev.synod.proto.v1.RotateTokenRequest;
import dev.synod.proto.v1.TokenSecretResponse;
import dev.synod.security.identity.Role;
import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * ACL tokens, from {@link SynodClient#acl()}: shares the client's channels, deadline and
 * credentials. Bootstrap, create, revoke and rotate change replicated state, so they go to the
 * leader and are never retried (a repeated create or rotate after an ambiguous failure would mint a
 * second secret); list is a read and is retried like other reads.
 */
public final class AclClient {
  private final UnaryCaller caller;

  AclClient(UnaryCaller caller) {
    this.caller = caller;
  }

  /** Creates the cluster's first admin token; works once per cluster. Not retried. */
  public TokenSecret bootstrap(String description) {
    return secret(caller.await(AclGrpc.getBootstrapMethod(),
        AclBootstrapRequest.newBuilder().setDescription(text(description)).build(), CallPolicy.WRITE));
  }

  /**
   * Creates a token for {@code role}; {@code ttlOrZero} of zero means it never expires. Not retried.
   * Servers authenticate with certificates only, so {@link Role#SERVER} is refused here.
   */
  public TokenSecret create(Role role, String description, Duration ttlOrZero) {
    Objects.requireNonNull(role, "role");
    if (role == Role.SERVER) {
      throw new IllegalArgumentException("role: " + role.wireName()
          + " (expected: any role but server; servers authenticate with certificates)");
    }
    return secret(caller.await(AclGrpc.getCreateTokenMethod(), CreateTokenRequest.newBuilder()
        .setRole(role.proto()).setDescription(text(description)).setTtlSeconds(ttlSeconds(ttlOrZero)).build(),
        CallPolicy.WRITE));
  }

  /** Active tokens, ordered by accessor id; never their secrets. */
  public List<AclToken> list() {
    return caller.await(AclGrpc.getListTokensMethod(), ListTokensRequest.getDefaultInstance(), CallPolicy.READ)
        .getTokensList();
  }

  /** Revokes a token at once; its secret is refused from then on. Not retried. */
  public void revoke(String accessorId) {
    caller.await(AclGrpc.getRevokeTokenMethod(),
        RevokeTokenRequest.newBuilder().setAccessorId(accessor(accessorId)).build(), CallPolicy.WRITE);
  }

  /** Gives a token a new secret; the old one is refused from then on. Not retried. */
  public TokenSecret rotate(String accessorId) {
    return secret(caller.await(AclGrpc.getRotateTokenMethod(),
        RotateTokenRequest.newBuilder().setAccessorId(accessor(accessorId)).build(), CallPolicy.WRITE));
  }

  /** Whole seconds, rounded up so a short TTL never becomes "never expires". */
  static long ttlSeconds(Duration ttl) {
    if (ttl == null || ttl.isNegative()) {
      throw new IllegalArgumentException("ttl: " + ttl + " (expected: >= 0; 0 means never expires)");
    }
    long seconds = ttl.getSeconds();
    return ttl.getNano() > 0 ? seconds + 1 : seconds;
  }

  private static String text(String description) {
    return description == null ? "" : description;
  }

  private static String accessor(String accessorId) {
    if (accessorId == null || accessorId.isBlank()) {
      throw new IllegalArgumentException("accessorId: " + (accessorId == null ? "null" : "blank")
          + " (expected: a token's accessor id)");
    }
    return accessorId;
  }

  private static TokenSecret secret(TokenSecretResponse response) {
    return new TokenSecret(response.getToken(), response.getSecret());
  }
}
