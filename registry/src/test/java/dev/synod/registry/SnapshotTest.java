package dev.synod.registry;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.KeyValue;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistryError;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.proto.v1.RestoreSnapshot;
import dev.synod.proto.v1.Role;
import dev.synod.proto.v1.SnapshotQuery;
import org.junit.jupiter.api.Test;

class SnapshotTest {
  @Test
  void snapshotQueryReturnsTheFullSnapshot() {
    Driver d = populated();
    var result = d.query(Query.newBuilder().setSnapshot(SnapshotQuery.getDefaultInstance()).build());
    assertThat(result.getSnapshot()).isEqualTo(d.registry.snapshot());
    assertThat(result.getSnapshot().getKvsList()).extracting(kv -> kv.getKey().toStringUtf8())
        .containsExactly("a", "b", "lease/x");
  }

  @Test
  void restoreReplacesTheWholeState() {
    Driver source = populated();
    Registry copy = new Registry(RegistryLimits.defaults());
    copy.apply(1, Commands.put("gone", "1"));
    copy.restore(source.registry.snapshot());
    assertThat(copy.snapshot()).isEqualTo(source.registry.snapshot());
    assertThat(copy.revision()).isEqualTo(source.index);
  }

  @Test
  void restoreCommandKeepsRevisionMonotonicAndCompactsHistory() {
    RegistrySnapshot saved = populated().registry.snapshot();
    Driver d = new Driver();
    d.index = 100;
    d.ok(Commands.put("old", "1"));
    CommandResult result = d.ok(Command.newBuilder()
        .setRestore(RestoreSnapshot.newBuilder().setSnapshot(saved)).build());

    assertThat(result.getRestore().getKeys()).isEqualTo(3);
    assertThat(result.getRestore().getRegistrants()).isEqualTo(1);
    RegistrySnapshot now = d.registry.snapshot();
    assertThat(now.getRevision()).isEqualTo(102);
    assertThat(now.getKvsList()).isEqualTo(saved.getKvsList());
    assertThat(now.getEventsList()).isEmpty();
    assertThat(d.query(Commands.events(102)).getError().getCode()).isEqualTo(ErrorCode.COMPACTED);
    assertThat(d.query(Commands.events(103)).hasError()).isFalse();
  }

  @Test
  void inconsistentSnapshotIsRejectedWithoutReplacingState() {
    RegistrySnapshot saved = populated().registry.snapshot();
    RegistrySnapshot broken = saved.toBuilder()
        .addKvs(KeyValue.newBuilder().setKey(Commands.bytes("z")).setVersion(1).setLeaseId(99)).build();
    Driver d = new Driver();
    d.ok(Commands.put("keep", "1"));

    RegistryError error = d.rejected(Command.newBuilder()
        .setRestore(RestoreSnapshot.newBuilder().setSnapshot(broken)).build());
    assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(error.getField()).isEqualTo("snapshot.kvs[3].lease_id");
    assertThat(d.query(Commands.get("keep")).getGet().hasKv()).isTrue();
    assertThatThrownBy(() -> d.registry.restore(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("snapshot.kvs[3].lease_id: 99");
  }

  @Test
  void restoreAtALowerIndexLowersEveryRecordedRevisionSoLaterWritesStayAbove() {
    Driver source = populated();
    source.index = 50;
    source.ok(Commands.bootstrap(Commands.token("token-adm", Role.ROLE_ADMIN), Commands.hash(1)));
    source.ok(Commands.put("a", "2"));
    RegistrySnapshot saved = source.registry.snapshot();
    Driver d = new Driver();
    d.index = 9;
    d.ok(Command.newBuilder().setRestore(RestoreSnapshot.newBuilder().setSnapshot(saved)).build());

    RegistrySnapshot now = d.registry.snapshot();
    assertThat(now.getRevision()).isEqualTo(10);
    assertThat(now.getKvsList()).allSatisfy(kv -> assertThat(kv.getModRevision()).isLessThanOrEqualTo(10));
    assertThat(now.getAclTokens(0).getToken().getCreateRevision()).isEqualTo(10);
    assertThat(now.getAclTokens(0).getStateRevision()).isEqualTo(10);
    SnapshotValidator.check(now);
    CommandResult revoke = d.ok(Commands.revokeToken("token-adm"));
    assertThat(revoke.getRevision()).isEqualTo(11);
    assertThat(d.ok(Commands.put("a", "3")).getPut().getKv().getModRevision()).isEqualTo(12);
    SnapshotValidator.check(d.registry.snapshot());
  }

  @Test
  void snapshotRecordingARevisionAboveItsOwnIsRejected() {
    RegistrySnapshot saved = populated().registry.snapshot();
    RegistrySnapshot broken = saved.toBuilder().setRevision(2).build();
    assertThatThrownBy(() -> new Registry(RegistryLimits.defaults()).restore(broken))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("snapshot.kvs[0].mod_revision: 4 (expected: <= the snapshot's revision 2)");
  }

  private static Driver populated() {
    Driver d = new Driver();
    long lease = d.ok(Commands.grant(5_000)).getLeaseGrant().getLease().getId();
    d.ok(Commands.put("lease/x", "1", lease));
    d.ok(Commands.put("b", "1"));
    d.ok(Commands.put("a", "1"));
    d.ok(Commands.register(RegistrantKind.WORKER, "w1"));
    return d;
  }
}
