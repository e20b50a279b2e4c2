package dev.synod.registry;

import static dev.synod.registry.Commands.hash;
import static dev.synod.registry.Commands.token;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.RegistryError;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.proto.v1.RestoreSnapshot;
import dev.synod.proto.v1.Role;
import dev.synod.proto.v1.StoredToken;
import dev.synod.proto.v1.TokenState;
import java.util.List;
import java.util.function.UnaryOperator;
import org.junit.jupiter.api.Test;

class AclSnapshotTest {
  private static final String KEY = "-----BEGIN PRIVATE KEY-----\nSECRET-KEY-MATERIAL\n";

  /** Tokens created before the bootstrap sort ahead of it by accessor id: the snapshot must still know it. */
  private static Driver populated() {
    Driver d = new Driver();
    d.ok(Commands.put("a", "1"));
    d.ok(Commands.createToken(token("aaaa-client", Role.ROLE_CLIENT), hash(1)));
    d.ok(Commands.bootstrap(token("zzzz-root", Role.ROLE_ADMIN), hash(2)));
    d.ok(Commands.rotateToken("aaaa-client", hash(3)));
    d.ok(Commands.createToken(token("mmmm-worker", Role.ROLE_WORKER), hash(4)));
    d.ok(Commands.revokeToken("mmmm-worker"));
    d.ok(Commands.rotateToken("zzzz-root", hash(5)));
    d.ok(Commands.installCa(Commands.ca("cert", KEY)));
    return d;
  }

  private static List<Query> probes() {
    return List.of(Commands.aclList(), Commands.signingCa(), Commands.aclLookup(hash(1)),
        Commands.aclLookup(hash(3)), Commands.aclLookup(hash(4)), Commands.aclLookup(hash(5)));
  }

  @Test
  void aclStateAndSigningCaRoundTrip() throws Exception {
    Driver source = populated();
    RegistrySnapshot saved = RegistrySnapshot.parseFrom(source.registry.snapshot().toByteArray());
    assertThat(saved.getAclBootstrapped()).isTrue();
    assertThat(saved.getAclTokensList()).hasSize(5);
    assertThat(saved.getAclTokens(0).getToken().getAccessorId()).isEqualTo("zzzz-root");
    assertThat(saved.getSigningCa().getPrivateKeyPem()).isEqualTo(KEY);

    Registry copy = new Registry(RegistryLimits.defaults());
    copy.restore(saved);
    assertThat(copy.snapshot()).isEqualTo(saved);
    for (Query probe : probes()) {
      assertThat(copy.query(probe)).isEqualTo(source.query(probe));
    }
    // The bootstrap revision survives, and so does the install-once state of the CA.
    Command bootstrap = Commands.bootstrap(token("other-root", Role.ROLE_ADMIN), hash(9));
    assertThat(copy.apply(20, bootstrap).getError().getMessage())
        .startsWith("acl_bootstrap: ACLs were already bootstrapped at revision 3 (");
    assertThat(copy.apply(21, Commands.installCa(Commands.ca("other", KEY))).getInstallSigningCa().getInstalled())
        .isFalse();
  }

  @Test
  void restoreCommandCarriesAclStateAndSigningCa() {
    RegistrySnapshot saved = populated().registry.snapshot();
    Driver d = new Driver();
    d.index = 50;
    d.ok(Commands.bootstrap(token("local-root", Role.ROLE_ADMIN), hash(7)));
    d.ok(Command.newBuilder().setRestore(RestoreSnapshot.newBuilder().setSnapshot(saved)).build());

    RegistrySnapshot now = d.registry.snapshot();
    assertThat(now.getAclTokensList()).isEqualTo(saved.getAclTokensList());
    assertThat(now.getAclBootstrapped()).isTrue();
    assertThat(now.getSigningCa()).isEqualTo(saved.getSigningCa());
    assertThat(d.query(Commands.aclLookup(hash(7))).getAclLookup().getState())
        .isEqualTo(TokenState.TOKEN_STATE_UNSPECIFIED);
    assertThat(d.rejected(Commands.bootstrap(token("local-root", Role.ROLE_ADMIN), hash(8))).getMessage())
        .contains("already bootstrapped at revision 3");
  }

  @Test
  void snapshotWithAMalformedTokenIsRejectedWhole() {
    RegistrySnapshot saved = populated().registry.snapshot();
    RegistrySnapshot broken = withToken(saved, 4, t -> t.toBuilder()
        .setSecretSha256(t.getSecretSha256().substring(0, 31)).build());
    Driver d = new Driver();
    d.ok(Commands.createToken(token("keep-token", Role.ROLE_CLIENT), hash(1)));
    RegistrySnapshot before = d.registry.snapshot();

    RegistryError error = d.rejected(Command.newBuilder()
        .setRestore(RestoreSnapshot.newBuilder().setSnapshot(broken)).build());
    assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(error.getMessage()).isEqualTo("snapshot.acl_tokens[4].secret_sha256: 31 bytes"
        + " (expected: exactly 32, a SHA-256 digest)");
    assertThat(d.registry.snapshot()).isEqualTo(before.toBuilder().setRevision(d.index).build());
    assertThatThrownBy(() -> d.registry.restore(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("snapshot.acl_tokens[4].secret_sha256: 31 bytes");
    assertThat(d.registry.snapshot()).isEqualTo(before.toBuilder().setRevision(d.index).build());
  }

  @Test
  void inconsistentAclEntriesAreNamed() {
    RegistrySnapshot saved = populated().registry.snapshot();
    assertThat(problem(withToken(saved, 1, t -> t.toBuilder().setSecretSha256(saved.getAclTokens(0)
        .getSecretSha256()).build()))).isEqualTo("acl_tokens[1].secret_sha256: a hash stored twice (expected: unique)");
    assertThat(problem(withToken(saved, 0, t -> t.toBuilder().setState(TokenState.TOKEN_ACTIVE).build())))
        .startsWith("acl_tokens[1].state: TOKEN_ACTIVE (expected: TOKEN_ROTATED; acl_tokens[0] is already");
    assertThat(problem(withToken(saved, 1, t -> t.toBuilder().setState(TokenState.TOKEN_ROTATED).build())))
        .startsWith("acl_tokens[0].token.accessor_id: \"zzzz-root\" has only TOKEN_ROTATED entries");
    assertThat(problem(withToken(saved, 2, t -> t.toBuilder().setStateValue(9).build())))
        .isEqualTo("acl_tokens[2].state: 9 (expected: TOKEN_ACTIVE, TOKEN_REVOKED or TOKEN_ROTATED)");
    assertThat(problem(withToken(saved, 2, t -> t.toBuilder().setToken(t.getToken().toBuilder()
        .setRole(Role.ROLE_SERVER)).build()))).startsWith("acl_tokens[2].token.role: ROLE_SERVER (expected:");
    assertThat(problem(withToken(saved, 2, t -> t.toBuilder().setToken(t.getToken().toBuilder()
        .setCreateRevision(0)).build()))).isEqualTo("acl_tokens[2].token.create_revision: 0 (expected: >= 1)");
    assertThat(problem(withToken(saved, 3, t -> t.toBuilder().setToken(t.getToken().toBuilder()
        .setRotateRevision(1)).build()))).isEqualTo("acl_tokens[3].token.rotate_revision: 1 (expected: 0, or"
        + " >= create_revision 2)");
    assertThat(problem(withToken(saved, 2, t -> t.toBuilder().setStateRevision(1).build())))
        .isEqualTo("acl_tokens[2].state_revision: 1 (expected: >= create_revision 2)");
    assertThat(problem(saved.toBuilder().clearAclTokens().build()))
        .startsWith("acl_bootstrap_accessor: \"zzzz-root\" (expected: the accessor of an admin token");
    assertThat(problem(withToken(saved, 0, t -> t.toBuilder().setToken(t.getToken().toBuilder()
        .setRole(Role.ROLE_CLIENT)).build())))
        .startsWith("acl_bootstrap_accessor: \"zzzz-root\" (expected: the accessor of an admin token");
    assertThat(problem(saved.toBuilder().setAclBootstrapped(false).build()))
        .startsWith("acl_bootstrap_accessor: \"zzzz-root\" (expected: empty while acl_bootstrapped is false)");
  }

  @Test
  void malformedSigningCaIsRejectedWithoutShowingTheKey() {
    RegistrySnapshot saved = populated().registry.snapshot();
    String noCert = problem(saved.toBuilder().setSigningCa(Commands.ca("", KEY)).build());
    assertThat(noCert).isEqualTo("signing_ca.certificate_pem: empty (expected: a PEM certificate)");
    assertThat(problem(saved.toBuilder().setSigningCa(Commands.ca("cert", "")).build()))
        .isEqualTo("signing_ca.private_key_pem: empty (expected: a PEM private key)");
    // A snapshot is not held to the configured limits, so a big key restores.
    RegistrySnapshot bigKey = saved.toBuilder().setSigningCa(Commands.ca("cert", KEY.repeat(1000))).build();
    new Registry(RegistryLimits.defaults()).restore(bigKey);
  }

  private static RegistrySnapshot withToken(RegistrySnapshot s, int i, UnaryOperator<StoredToken> change) {
    return s.toBuilder().setAclTokens(i, change.apply(s.getAclTokens(i))).build();
  }

  private static String problem(RegistrySnapshot s) {
    try {
      SnapshotValidator.check(s);
    } catch (Rejection r) {
      assertThat(r.getMessage()).doesNotContain("SECRET-KEY");
      return r.getMessage();
    }
    throw new AssertionError("snapshot accepted");
  }
}
