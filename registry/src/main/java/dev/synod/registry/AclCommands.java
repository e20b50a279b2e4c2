package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.AclBootstrapCommand;
import dev.synod.proto.v1.AclCreateTokenCommand;
import dev.synod.proto.v1.AclRevokeTokenCommand;
import dev.synod.proto.v1.AclRotateTokenCommand;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.AclTokenResult;
import dev.synod.proto.v1.StoredToken;
import dev.synod.proto.v1.TokenState;

/**
 * Bootstrap, create, revoke and rotate ACL tokens. Only secret hashes are stored, and revoked or
 * rotated hashes stay as tombstones so a node can say why it refuses one. Expiry is the node's
 * concern: it compares expires_at_unix_ms with its own clock. None of this records watch events.
 */
final class AclCommands {
  private final RegistryState state;
  private final RegistryLimits limits;

  AclCommands(RegistryState state, RegistryLimits limits) {
    this.state = state;
    this.limits = limits;
  }

  AclTokenResult bootstrap(long rev, AclBootstrapCommand cmd) {
    if (state.acl.bootstrapped()) {
      throw Rejection.failedPrecondition("acl_bootstrap", "ACLs were already bootstrapped at revision "
          + state.acl.bootstrapRevision() + " (expected: one bootstrap per cluster; create further tokens"
          + " with an admin token)");
    }
    AclToken token = add(rev, cmd.getToken(), cmd.getSecretSha256());
    state.acl.markBootstrapped(token.getAccessorId());
    return result(token);
  }

  AclTokenResult create(long rev, AclCreateTokenCommand cmd) {
    return result(add(rev, cmd.getToken(), cmd.getSecretSha256()));
  }

  AclTokenResult revoke(long rev, AclRevokeTokenCommand cmd) {
    StoredToken entry = requireActive(cmd.getAccessorId(), "nothing to revoke");
    state.acl.put(entry.toBuilder().setState(TokenState.TOKEN_REVOKED).setStateRevision(rev).build());
    return result(entry.getToken());
  }

  AclTokenResult rotate(long rev, AclRotateTokenCommand cmd) {
    StoredToken entry = requireActive(cmd.getAccessorId(), "create a new token instead");
    requireRoom();
    requireUnknown(cmd.getNewSecretSha256(), "new_secret_sha256");
    // The old secret becomes a tombstone holding the token as it was; the token lives on under the new one.
    state.acl.put(entry.toBuilder().setState(TokenState.TOKEN_ROTATED).setStateRevision(rev).build());
    AclToken rotated = entry.getToken().toBuilder().setRotateRevision(rev).build();
    state.acl.put(active(rotated, cmd.getNewSecretSha256(), rev));
    return result(rotated);
  }

  /** Stores a new ACTIVE token created at {@code rev}; the validator has checked its fields. */
  private AclToken add(long rev, AclToken requested, ByteString hash) {
    String accessor = requested.getAccessorId();
    if (state.acl.current(accessor) != null) {
      throw Rejection.alreadyExists("token.accessor_id", quoted(accessor)
          + " already exists (expected: a new accessor id)");
    }
    requireRoom();
    requireUnknown(hash, "secret_sha256");
    AclToken token = requested.toBuilder().setCreateRevision(rev).setRotateRevision(0).build();
    state.acl.put(active(token, hash, rev));
    return token;
  }

  private StoredToken requireActive(String accessor, String remedy) {
    StoredToken entry = state.acl.current(accessor);
    if (entry == null) {
      throw Rejection.notFound("accessor_id", quoted(accessor) + " does not exist (expected: the accessor id of"
          + " an existing token)");
    }
    if (entry.getState() == TokenState.TOKEN_REVOKED) {
      throw Rejection.failedPrecondition("accessor_id", quoted(accessor) + " was revoked at revision "
          + entry.getStateRevision() + " (expected: an active token; " + remedy + ")");
    }
    return entry;
  }

  /** Tombstones are kept, so every stored hash counts, and the limit bounds them all. */
  private void requireRoom() {
    if (state.acl.size() >= limits.maxAclTokens()) {
      throw Rejection.limit("acl_tokens", (state.acl.size() + 1) + " stored secrets with this one, revoked and"
          + " rotated ones included (expected: <= maxAclTokens " + limits.maxAclTokens() + ")");
    }
  }

  /** A hash must never be reused, not even one of a revoked or rotated secret. Never print the hash. */
  private void requireUnknown(ByteString hash, String field) {
    if (state.acl.byHash(hash) != null) {
      throw Rejection.alreadyExists(field, "this secret hash is already stored (expected: the SHA-256 of a fresh"
          + " secret)");
    }
  }

  private static StoredToken active(AclToken token, ByteString hash, long rev) {
    return StoredToken.newBuilder().setToken(token).setSecretSha256(hash)
        .setState(TokenState.TOKEN_ACTIVE).setStateRevision(rev).build();
  }

  private static AclTokenResult result(AclToken token) {
    return AclTokenResult.newBuilder().setToken(token).build();
  }

  /** Accessor ids are validated before they get here, but a message must stay short and printable anyway. */
  static String quoted(String accessor) {
    return Rejection.keyText(ByteString.copyFromUtf8(accessor));
  }
}
