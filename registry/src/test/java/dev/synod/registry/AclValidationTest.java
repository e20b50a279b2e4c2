package dev.synod.registry;

import static dev.synod.registry.Commands.hash;
import static dev.synod.registry.Commands.token;
import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.AclCreateTokenCommand;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.RegistryError;
import dev.synod.proto.v1.Role;
import org.junit.jupiter.api.Test;

class AclValidationTest {
  private static final AclToken GOOD = token("app-token-1", Role.ROLE_CLIENT);

  private final Driver d = new Driver();

  private RegistryError create(AclToken token) {
    RegistryError error = d.rejected(Commands.createToken(token, hash(1)));
    assertThat(error.getCode()).isIn(ErrorCode.INVALID_ARGUMENT, ErrorCode.LIMIT_EXCEEDED);
    assertThat(CommandValidator.validate(Commands.createToken(token, hash(1)), d.registry.limits())).contains(error);
    assertThat(d.registry.snapshot().getAclTokensList()).isEmpty();
    return error;
  }

  @Test
  void accessorIdMustMatchThePattern() {
    String expected = " (expected: 8 to 64 characters of a-z, 0-9 and -)";
    assertThat(create(GOOD.toBuilder().setAccessorId("short").build()).getMessage())
        .isEqualTo("token.accessor_id: \"short\"" + expected);
    assertThat(create(GOOD.toBuilder().setAccessorId("Upper-Case-1").build()).getMessage())
        .isEqualTo("token.accessor_id: \"Upper-Case-1\"" + expected);
    assertThat(create(GOOD.toBuilder().setAccessorId("").build()).getMessage())
        .isEqualTo("token.accessor_id: empty" + expected);
    assertThat(create(GOOD.toBuilder().setAccessorId("a".repeat(65)).build()).getField())
        .isEqualTo("token.accessor_id");
    assertThat(d.rejected(Commands.revokeToken("has space")).getMessage())
        .isEqualTo("accessor_id: \"has space\"" + expected);
    assertThat(d.rejected(Commands.rotateToken("x", hash(1))).getField()).isEqualTo("accessor_id");
  }

  @Test
  void tokensCarryOnlyTheTokenRoles() {
    String expected = " (expected: ROLE_ADMIN, ROLE_OPERATOR, ROLE_CLIENT, ROLE_FILE_SERVER, ROLE_WORKER or ROLE_EDGE)";
    assertThat(create(GOOD.toBuilder().setRole(Role.ROLE_SERVER).build()).getMessage())
        .isEqualTo("token.role: ROLE_SERVER" + expected);
    assertThat(create(GOOD.toBuilder().setRole(Role.ROLE_UNSPECIFIED).build()).getMessage())
        .isEqualTo("token.role: ROLE_UNSPECIFIED" + expected);
    assertThat(create(GOOD.toBuilder().setRoleValue(42).build()).getMessage())
        .isEqualTo("token.role: 42" + expected);
    for (Role role : new Role[] {Role.ROLE_ADMIN, Role.ROLE_OPERATOR, Role.ROLE_CLIENT, Role.ROLE_FILE_SERVER,
        Role.ROLE_WORKER, Role.ROLE_EDGE}) {
      d.ok(Commands.createToken(token("token-" + role.getNumber() + "-id", role), hash(role.getNumber())));
    }
  }

  @Test
  void bootstrapTokenMustBeAnAdmin() {
    RegistryError error = d.rejected(Commands.bootstrap(GOOD, hash(1)));
    assertThat(error.getMessage()).isEqualTo("token.role: ROLE_CLIENT (expected: ROLE_ADMIN for the bootstrap token)");
    assertThat(d.query(Commands.aclList()).getAclList().getBootstrapped()).isFalse();
  }

  @Test
  void descriptionIsLimitedInUtf8Bytes() {
    AclToken tooLong = GOOD.toBuilder().setDescription("é".repeat(129)).build(); // 129 chars, 258 bytes
    RegistryError error = create(tooLong);
    assertThat(error.getCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(error.getMessage()).isEqualTo("token.description: 258 bytes (expected: <= 256)");
    d.ok(Commands.createToken(GOOD.toBuilder().setDescription("d".repeat(256)).build(), hash(1)));
  }

  @Test
  void expiryMayNotBeNegative() {
    assertThat(create(GOOD.toBuilder().setExpiresAtUnixMs(-1).build()).getMessage())
        .isEqualTo("token.expires_at_unix_ms: -1 (expected: >= 0; 0 never expires)");
  }

  @Test
  void revisionsAreAssignedByTheRegistry() {
    assertThat(create(GOOD.toBuilder().setCreateRevision(5).build()).getMessage())
        .isEqualTo("token.create_revision: 5 (expected: 0; the registry assigns it)");
    assertThat(create(GOOD.toBuilder().setRotateRevision(7).build()).getMessage())
        .isEqualTo("token.rotate_revision: 7 (expected: 0; the registry assigns it)");
  }

  @Test
  void tokenMustBeSet() {
    Command noToken = Command.newBuilder().setAclCreateToken(AclCreateTokenCommand.newBuilder()
        .setSecretSha256(hash(1))).build();
    assertThat(d.rejected(noToken).getMessage()).isEqualTo("token: not set (expected: an AclToken)");
  }

  @Test
  void secretHashMustBeExactly32BytesAndIsNeverPrinted() {
    ByteString shortHash = hash(0x41).substring(0, 31);
    RegistryError error = d.rejected(Commands.createToken(GOOD, shortHash));
    assertThat(error.getMessage()).isEqualTo("secret_sha256: 31 bytes (expected: exactly 32, a SHA-256 digest)");
    assertThat(d.rejected(Commands.bootstrap(token("root-token", Role.ROLE_ADMIN), ByteString.EMPTY)).getMessage())
        .isEqualTo("secret_sha256: 0 bytes (expected: exactly 32, a SHA-256 digest)");
    assertThat(d.rejected(Commands.rotateToken("app-token-1", hash(1).concat(hash(2)))).getMessage())
        .isEqualTo("new_secret_sha256: 64 bytes (expected: exactly 32, a SHA-256 digest)");
    assertThat(d.query(Commands.aclLookup(shortHash)).getError().getMessage())
        .isEqualTo("secret_sha256: 31 bytes (expected: exactly 32, a SHA-256 digest)");
  }
}
