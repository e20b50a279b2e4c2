package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.proto.v1.Role;
import dev.synod.proto.v1.StoredToken;
import dev.synod.proto.v1.TokenState;
import java.util.HashMap;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

/**
 * The ACL and signing CA part of a snapshot: well-formed entries with unique hashes, exactly one
 * ACTIVE or REVOKED entry per accessor id (any others are ROTATED tombstones), revisions in order,
 * and, once bootstrapped, a bootstrap accessor naming an admin token. Like the rest of the
 * snapshot, it is not held to the configured limits.
 */
final class AclSnapshotValidator {
  private AclSnapshotValidator() {}

  static void check(RegistrySnapshot s) {
    Set<ByteString> hashes = new HashSet<>();
    Map<String, Integer> currentAt = new HashMap<>();
    // Where each accessor first appears, in order, so a problem is reported at a stable index.
    Map<String, Integer> firstAt = new LinkedHashMap<>();
    for (int i = 0; i < s.getAclTokensCount(); i++) {
      StoredToken entry = s.getAclTokens(i);
      String at = "acl_tokens[" + i + "]";
      token(at + ".token", entry.getToken());
      AclCommandValidator.sha256(at + ".secret_sha256", entry.getSecretSha256());
      if (!hashes.add(entry.getSecretSha256())) {
        throw Rejection.invalid(at + ".secret_sha256", "a hash stored twice (expected: unique)");
      }
      long created = entry.getToken().getCreateRevision();
      if (entry.getStateRevision() < created) {
        throw Rejection.invalid(at + ".state_revision", entry.getStateRevision() + " (expected: >= create_revision "
            + created + ")");
      }
      String accessor = entry.getToken().getAccessorId();
      firstAt.putIfAbsent(accessor, i);
      TokenState state = entry.getState();
      if (state == TokenState.TOKEN_ACTIVE || state == TokenState.TOKEN_REVOKED) {
        Integer other = currentAt.putIfAbsent(accessor, i);
        if (other != null) {
          throw Rejection.invalid(at + ".state", state + " (expected: TOKEN_ROTATED; acl_tokens[" + other
              + "] is already the ACTIVE or REVOKED entry of " + AclCommands.quoted(accessor) + ")");
        }
      } else if (state != TokenState.TOKEN_ROTATED) {
        throw Rejection.invalid(at + ".state", entry.getStateValue()
            + " (expected: TOKEN_ACTIVE, TOKEN_REVOKED or TOKEN_ROTATED)");
      }
    }
    for (Map.Entry<String, Integer> first : firstAt.entrySet()) {
      if (!currentAt.containsKey(first.getKey())) {
        throw Rejection.invalid("acl_tokens[" + first.getValue() + "].token.accessor_id",
            AclCommands.quoted(first.getKey()) + " has only TOKEN_ROTATED entries (expected: one TOKEN_ACTIVE or"
            + " TOKEN_REVOKED entry per accessor id)");
      }
    }
    bootstrap(s);
    if (s.hasSigningCa()) {
      // Only presence is checked: a snapshot is not held to this cluster's size limits.
      AclCommandValidator.pem("signing_ca.certificate_pem", s.getSigningCa().getCertificatePem(),
          "a PEM certificate", Integer.MAX_VALUE);
      AclCommandValidator.pem("signing_ca.private_key_pem", s.getSigningCa().getPrivateKeyPem(),
          "a PEM private key", Integer.MAX_VALUE);
    }
  }

  /** Revisions are compared with the snapshot's own in {@link RevisionCeiling}. */
  private static void token(String at, AclToken t) {
    AclCommandValidator.accessorId(at + ".accessor_id", t.getAccessorId());
    AclCommandValidator.role(at + ".role", t.getRole(), t.getRoleValue());
    if (t.getExpiresAtUnixMs() < 0) {
      throw Rejection.invalid(at + ".expires_at_unix_ms", t.getExpiresAtUnixMs() + " (expected: >= 0)");
    }
    if (t.getCreateRevision() < 1) {
      throw Rejection.invalid(at + ".create_revision", t.getCreateRevision() + " (expected: >= 1)");
    }
    long rotated = t.getRotateRevision();
    if (rotated != 0 && rotated < t.getCreateRevision()) {
      throw Rejection.invalid(at + ".rotate_revision", rotated + " (expected: 0, or >= create_revision "
          + t.getCreateRevision() + ")");
    }
  }

  /** A bootstrapped snapshot names its bootstrap token, which must be an admin token it holds. */
  private static void bootstrap(RegistrySnapshot s) {
    String accessor = s.getAclBootstrapAccessor();
    if (!s.getAclBootstrapped()) {
      if (!accessor.isEmpty()) {
        throw Rejection.invalid("acl_bootstrap_accessor", "\"" + accessor
            + "\" (expected: empty while acl_bootstrapped is false)");
      }
      return;
    }
    var entries = s.getAclTokensList().stream().filter(t -> t.getToken().getAccessorId().equals(accessor)).toList();
    if (entries.isEmpty() || entries.stream().anyMatch(t -> t.getToken().getRole() != Role.ROLE_ADMIN)) {
      throw Rejection.invalid("acl_bootstrap_accessor", "\"" + accessor
          + "\" (expected: the accessor of an admin token in acl_tokens, as acl_bootstrapped is true)");
    }
  }
}
