package dev.synod.registry;

import static dev.synod.registry.Commands.hash;
import static dev.synod.registry.Commands.token;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.proto.v1.AclLookupResult;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.RegistryError;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.proto.v1.Role;
import dev.synod.proto.v1.TokenState;
import org.junit.jupiter.api.Test;

class AclTokenTest {
  private static final String ROOT = "root-token";
  private static final String APP = "app-token-1";

  private final Driver d = new Driver();

  @Test
  void bootstrapStoresAnActiveAdminTokenAtItsRevision() {
    d.ok(Commands.put("a", "1"));
    AclToken stored = d.ok(Commands.bootstrap(token(ROOT, Role.ROLE_ADMIN), hash(1))).getAclToken().getToken();

    assertThat(stored).isEqualTo(token(ROOT, Role.ROLE_ADMIN).toBuilder().setCreateRevision(2).build());
    assertThat(d.query(Commands.aclList()).getAclList().getBootstrapped()).isTrue();
    assertThat(d.query(Commands.aclList()).getAclList().getTokensList()).containsExactly(stored);
    AclLookupResult found = d.query(Commands.aclLookup(hash(1))).getAclLookup();
    assertThat(found.getState()).isEqualTo(TokenState.TOKEN_ACTIVE);
    assertThat(found.getToken()).isEqualTo(stored);
  }

  @Test
  void secondBootstrapIsRefusedNamingTheFirstRevision() {
    d.ok(Commands.put("a", "1"));
    d.ok(Commands.put("b", "1"));
    d.ok(Commands.bootstrap(token(ROOT, Role.ROLE_ADMIN), hash(1)));
    d.ok(Commands.revokeToken(ROOT)); // still bootstrapped: the bootstrap is once per cluster

    RegistryError again = d.rejected(Commands.bootstrap(token("other-root", Role.ROLE_ADMIN), hash(2)));
    assertThat(again.getCode()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
    assertThat(again.getField()).isEqualTo("acl_bootstrap");
    assertThat(again.getMessage()).startsWith("acl_bootstrap: ACLs were already bootstrapped at revision 3 (");
    assertThat(d.query(Commands.aclLookup(hash(2))).getAclLookup().getState())
        .isEqualTo(TokenState.TOKEN_STATE_UNSPECIFIED);
  }

  @Test
  void tokensCanBeCreatedBeforeTheBootstrap() {
    // An admin with a certificate needs no bootstrap token to create others.
    d.ok(Commands.createToken(token(APP, Role.ROLE_CLIENT), hash(1)));
    assertThat(d.query(Commands.aclList()).getAclList().getBootstrapped()).isFalse();
    d.ok(Commands.bootstrap(token(ROOT, Role.ROLE_ADMIN), hash(2)));
    assertThat(d.query(Commands.aclList()).getAclList().getTokensList())
        .extracting(AclToken::getAccessorId).containsExactly(APP, ROOT);
  }

  @Test
  void createdTokensAreListedByAccessorIdWithTheirRevision() {
    d.ok(Commands.createToken(token("zz-worker", Role.ROLE_WORKER), hash(1)));
    AclToken edge = d.ok(Commands.createToken(token("aa-edge-1", Role.ROLE_EDGE).toBuilder()
        .setExpiresAtUnixMs(5_000).build(), hash(2))).getAclToken().getToken();

    assertThat(edge.getCreateRevision()).isEqualTo(2);
    assertThat(edge.getRotateRevision()).isZero();
    assertThat(edge.getExpiresAtUnixMs()).isEqualTo(5_000);
    assertThat(d.query(Commands.aclList()).getAclList().getTokensList())
        .extracting(AclToken::getAccessorId).containsExactly("aa-edge-1", "zz-worker");
  }

  @Test
  void accessorIdsAndSecretHashesAreNeverReused() {
    d.ok(Commands.createToken(token(APP, Role.ROLE_CLIENT), hash(1)));
    RegistryError sameAccessor = d.rejected(Commands.createToken(token(APP, Role.ROLE_CLIENT), hash(2)));
    assertThat(sameAccessor.getCode()).isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(sameAccessor.getMessage()).isEqualTo("token.accessor_id: \"app-token-1\" already exists"
        + " (expected: a new accessor id)");

    RegistryError sameHash = d.rejected(Commands.createToken(token("app-token-2", Role.ROLE_CLIENT), hash(1)));
    assertThat(sameHash.getCode()).isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(sameHash.getField()).isEqualTo("secret_sha256");
    assertThat(sameHash.getMessage()).doesNotContain("0101").doesNotContain(hash(1).toStringUtf8());

    // Revoked and rotated hashes stay known, as does a revoked token's accessor id.
    d.ok(Commands.rotateToken(APP, hash(2)));
    d.ok(Commands.revokeToken(APP));
    assertThat(d.rejected(Commands.createToken(token("app-token-3", Role.ROLE_CLIENT), hash(1))).getField())
        .isEqualTo("secret_sha256");
    assertThat(d.rejected(Commands.createToken(token("app-token-3", Role.ROLE_CLIENT), hash(2))).getField())
        .isEqualTo("secret_sha256");
    assertThat(d.rejected(Commands.createToken(token(APP, Role.ROLE_CLIENT), hash(3))).getCode())
        .isEqualTo(ErrorCode.ALREADY_EXISTS);
  }

  @Test
  void revokeTombstonesTheActiveSecret() {
    AclToken app = d.ok(Commands.createToken(token(APP, Role.ROLE_CLIENT), hash(1))).getAclToken().getToken();
    assertThat(d.ok(Commands.revokeToken(APP)).getAclToken().getToken()).isEqualTo(app);

    AclLookupResult found = d.query(Commands.aclLookup(hash(1))).getAclLookup();
    assertThat(found.getState()).isEqualTo(TokenState.TOKEN_REVOKED);
    assertThat(found.getToken()).isEqualTo(app);
    assertThat(d.query(Commands.aclList()).getAclList().getTokensList()).isEmpty();
    assertThat(d.registry.snapshot().getAclTokens(0).getStateRevision()).isEqualTo(2);

    RegistryError again = d.rejected(Commands.revokeToken(APP));
    assertThat(again.getCode()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
    assertThat(again.getMessage()).startsWith("accessor_id: \"app-token-1\" was revoked at revision 2 (");
    RegistryError unknown = d.rejected(Commands.revokeToken("never-created"));
    assertThat(unknown.getCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(unknown.getMessage()).startsWith("accessor_id: \"never-created\" does not exist");
  }

  @Test
  void rotateKeepsTheTokenUnderANewSecretAndTombstonesTheOldOne() {
    AclToken app = d.ok(Commands.createToken(token(APP, Role.ROLE_CLIENT), hash(1))).getAclToken().getToken();
    AclToken rotated = d.ok(Commands.rotateToken(APP, hash(2))).getAclToken().getToken();

    assertThat(rotated).isEqualTo(app.toBuilder().setRotateRevision(2).build());
    AclLookupResult old = d.query(Commands.aclLookup(hash(1))).getAclLookup();
    assertThat(old.getState()).isEqualTo(TokenState.TOKEN_ROTATED);
    assertThat(old.getToken()).isEqualTo(app);
    assertThat(d.query(Commands.aclLookup(hash(2))).getAclLookup().getState()).isEqualTo(TokenState.TOKEN_ACTIVE);
    assertThat(d.query(Commands.aclList()).getAclList().getTokensList()).containsExactly(rotated);

    d.ok(Commands.rotateToken(APP, hash(3)));
    d.ok(Commands.revokeToken(APP));
    assertThat(d.query(Commands.aclLookup(hash(2))).getAclLookup().getState()).isEqualTo(TokenState.TOKEN_ROTATED);
    assertThat(d.query(Commands.aclLookup(hash(3))).getAclLookup().getState()).isEqualTo(TokenState.TOKEN_REVOKED);
    assertThat(d.registry.snapshot().getAclTokensList()).hasSize(3);
  }

  @Test
  void rotateIsRefusedForUnknownOrRevokedTokensAndKnownHashes() {
    assertThat(d.rejected(Commands.rotateToken(APP, hash(1))).getCode()).isEqualTo(ErrorCode.NOT_FOUND);
    d.ok(Commands.createToken(token(APP, Role.ROLE_CLIENT), hash(1)));
    d.ok(Commands.createToken(token("app-token-2", Role.ROLE_CLIENT), hash(2)));

    RegistryError known = d.rejected(Commands.rotateToken(APP, hash(2)));
    assertThat(known.getCode()).isEqualTo(ErrorCode.ALREADY_EXISTS);
    assertThat(known.getField()).isEqualTo("new_secret_sha256");
    assertThat(d.rejected(Commands.rotateToken(APP, hash(1))).getField()).isEqualTo("new_secret_sha256");

    d.ok(Commands.revokeToken(APP));
    RegistryError revoked = d.rejected(Commands.rotateToken(APP, hash(9)));
    assertThat(revoked.getCode()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
    assertThat(revoked.getMessage()).contains("was revoked at revision 6").contains("create a new token instead");
  }

  @Test
  void unknownHashLooksUpAsUnspecifiedWithoutAToken() {
    AclLookupResult none = d.query(Commands.aclLookup(hash(7))).getAclLookup();
    assertThat(none.getState()).isEqualTo(TokenState.TOKEN_STATE_UNSPECIFIED);
    assertThat(none.hasToken()).isFalse();
  }

  @Test
  void storedSecretsAreBoundedTombstonesIncluded() {
    Driver small = new Driver(Limits.acl(3, 1024));
    small.ok(Commands.createToken(token(APP, Role.ROLE_CLIENT), hash(1)));
    small.ok(Commands.rotateToken(APP, hash(2)));
    small.ok(Commands.bootstrap(token(ROOT, Role.ROLE_ADMIN), hash(3)));
    RegistrySnapshot full = small.registry.snapshot();

    RegistryError create = small.rejected(Commands.createToken(token("app-token-2", Role.ROLE_CLIENT), hash(4)));
    assertThat(create.getCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(create.getMessage()).isEqualTo("acl_tokens: 4 stored secrets with this one, revoked and rotated"
        + " ones included (expected: <= maxAclTokens 3)");
    assertThat(small.rejected(Commands.rotateToken(APP, hash(4))).getCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(small.registry.snapshot()).isEqualTo(full.toBuilder().setRevision(small.index).build());
    small.ok(Commands.revokeToken(APP)); // revoking adds no entry, so it still works at the limit
  }

  @Test
  void aclCommandsRecordNoWatchEvents() {
    d.ok(Commands.bootstrap(token(ROOT, Role.ROLE_ADMIN), hash(1)));
    d.ok(Commands.createToken(token(APP, Role.ROLE_CLIENT), hash(2)));
    d.ok(Commands.rotateToken(APP, hash(3)));
    d.ok(Commands.revokeToken(APP));
    var events = d.query(Commands.events(1)).getEvents();
    assertThat(events.getEventsList()).isEmpty();
    assertThat(events.getScannedTo()).isEqualTo(4);
  }

  @Test
  void aclCommandsAreNotAllowedInABatch() {
    RegistryError error = d.rejected(Commands.batch(Commands.put("a", "1"),
        Commands.createToken(token(APP, Role.ROLE_CLIENT), hash(1))));
    assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(error.getMessage()).startsWith("commands[1].op: acl_create_token (expected: put, delete");
    assertThat(d.rejected(Commands.batch(Commands.revokeToken(APP))).getField()).isEqualTo("commands[0].op");
    assertThat(d.rejected(Commands.batch(Commands.bootstrap(token(ROOT, Role.ROLE_ADMIN), hash(1)))).getField())
        .isEqualTo("commands[0].op");
    assertThat(d.query(Commands.aclList()).getAclList().getTokensList()).isEmpty();
  }
}
