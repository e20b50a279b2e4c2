package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.InstallSigningCaCommand;
import dev.synod.proto.v1.Role;
import java.nio.charset.StandardCharsets;
import java.util.EnumSet;
import java.util.Set;
import java.util.regex.Pattern;

/**
 * Stateless checks of the ACL and signing CA commands, shared with the snapshot validator. Messages
 * give a secret hash's length and a PEM's size, never their content.
 */
final class AclCommandValidator {
  static final Pattern ACCESSOR_ID = Pattern.compile("[a-z0-9-]{8,64}");
  static final int MAX_DESCRIPTION_BYTES = 256;
  static final int SHA256_BYTES = 32;
  // SERVER is carried by node certificates only, never by a token.
  static final Set<Role> TOKEN_ROLES = EnumSet.of(Role.ROLE_ADMIN, Role.ROLE_OPERATOR, Role.ROLE_CLIENT,
      Role.ROLE_FILE_SERVER, Role.ROLE_WORKER, Role.ROLE_EDGE);
  private static final String TOKEN_ROLE_NAMES =
      "ROLE_ADMIN, ROLE_OPERATOR, ROLE_CLIENT, ROLE_FILE_SERVER, ROLE_WORKER or ROLE_EDGE";

  private AclCommandValidator() {}

  /** A token in a bootstrap or create command; {@code bootstrap} also demands the admin role. */
  static void newToken(boolean hasToken, AclToken t, ByteString secretSha256, boolean bootstrap) {
    if (!hasToken) {
      throw Rejection.invalid("token", "not set (expected: an AclToken)");
    }
    accessorId("token.accessor_id", t.getAccessorId());
    role("token.role", t.getRole(), t.getRoleValue());
    if (bootstrap && t.getRole() != Role.ROLE_ADMIN) {
      throw Rejection.invalid("token.role", t.getRole() + " (expected: ROLE_ADMIN for the bootstrap token)");
    }
    int description = utf8Length(t.getDescription());
    if (description > MAX_DESCRIPTION_BYTES) {
      throw Rejection.limit("token.description", description + " bytes (expected: <= " + MAX_DESCRIPTION_BYTES + ")");
    }
    if (t.getExpiresAtUnixMs() < 0) {
      throw Rejection.invalid("token.expires_at_unix_ms", t.getExpiresAtUnixMs()
          + " (expected: >= 0; 0 never expires)");
    }
    assignedByRegistry("token.create_revision", t.getCreateRevision());
    assignedByRegistry("token.rotate_revision", t.getRotateRevision());
    sha256("secret_sha256", secretSha256);
  }

  static void signingCa(InstallSigningCaCommand c, RegistryLimits l) {
    if (!c.hasCa()) {
      throw Rejection.invalid("ca", "not set (expected: a SigningCa)");
    }
    pem("ca.certificate_pem", c.getCa().getCertificatePem(), "a PEM certificate", l.maxPemBytes());
    pem("ca.private_key_pem", c.getCa().getPrivateKeyPem(), "a PEM private key", l.maxPemBytes());
  }

  static void accessorId(String field, String id) {
    if (!ACCESSOR_ID.matcher(id).matches()) {
      String shown = id.isEmpty() ? "empty" : AclCommands.quoted(id);
      throw Rejection.invalid(field, shown + " (expected: 8 to 64 characters of a-z, 0-9 and -)");
    }
  }

  static void role(String field, Role role, int number) {
    if (!TOKEN_ROLES.contains(role)) {
      String shown = role == Role.UNRECOGNIZED ? String.valueOf(number) : role.name();
      throw Rejection.invalid(field, shown + " (expected: " + TOKEN_ROLE_NAMES + ")");
    }
  }

  /** A SHA-256 digest; the message says its length, never its bytes. */
  static void sha256(String field, ByteString hash) {
    if (hash.size() != SHA256_BYTES) {
      throw Rejection.invalid(field, hash.size() + " bytes (expected: exactly " + SHA256_BYTES
          + ", a SHA-256 digest)");
    }
  }

  /** A PEM text that must be present and fit the limit; only its size is ever shown. */
  static void pem(String field, String pem, String what, int maxBytes) {
    if (pem.isEmpty()) {
      throw Rejection.invalid(field, "empty (expected: " + what + ")");
    }
    int bytes = utf8Length(pem);
    if (bytes > maxBytes) {
      throw Rejection.limit(field, bytes + " bytes (expected: <= " + maxBytes + ")");
    }
  }

  private static void assignedByRegistry(String field, long revision) {
    if (revision != 0) {
      throw Rejection.invalid(field, revision + " (expected: 0; the registry assigns it)");
    }
  }

  private static int utf8Length(String text) {
    return text.getBytes(StandardCharsets.UTF_8).length;
  }
}
