package dev.synod.registry;

import static dev.synod.proto.v1.RegistrantKind.FILE_SERVER;
import static dev.synod.proto.v1.RegistrantKind.WORKER;
import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.ListRegistrantsRequest;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.RegisterResponse;
import dev.synod.proto.v1.Registrant;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistrantState;
import dev.synod.proto.v1.RegistryError;
import java.util.List;
import org.junit.jupiter.api.Test;

class RegistrantTest {
  private final Driver d = new Driver();

  @Test
  void registerCreatesAliveRegistrantHoldingALease() {
    RegisterResponse r = d.ok(Commands.register(WORKER, "w1")).getRegister();
    Registrant w = r.getRegistrant();
    assertThat(w.getState()).isEqualTo(RegistrantState.ALIVE);
    assertThat(w.getLeaseId()).isEqualTo(1);
    assertThat(w.getCreateRevision()).isEqualTo(1);
    assertThat(w.getLastHeartbeatMillis()).isEqualTo(d.now);
    assertThat(w.getAddressesList()).containsExactly("w1:7000");
    assertThat(r.getTtlMillis()).isEqualTo(10_000); // the default minimum
    assertThat(r.getHeader().getRevision()).isEqualTo(1);
  }

  @Test
  void requestedTtlBelowMinimumIsRaisedAndAboveItIsKept() {
    assertThat(d.ok(Commands.register(WORKER, "w1", 2_000)).getRegister().getTtlMillis()).isEqualTo(10_000);
    assertThat(d.ok(Commands.register(WORKER, "w2", 30_000)).getRegister().getTtlMillis()).isEqualTo(30_000);
  }

  @Test
  void reRegisterRenewsTheSameLeaseAndKeepsCreateRevision() {
    Registrant first = d.ok(Commands.register(WORKER, "w1")).getRegister().getRegistrant();
    d.advance(5_000);
    Registrant second = d.ok(Commands.register(WORKER, "w1")).getRegister().getRegistrant();
    assertThat(second.getLeaseId()).isEqualTo(first.getLeaseId());
    assertThat(second.getCreateRevision()).isEqualTo(1);
    assertThat(second.getModRevision()).isEqualTo(2);
    assertThat(list(RegistrantKind.REGISTRANT_KIND_UNSPECIFIED)).hasSize(1);
  }

  @Test
  void registrantGoesDownWhenItsLeaseExpiresAndStaysListed() {
    d.ok(Commands.register(WORKER, "w1"));
    d.advance(10_000);
    d.ok(Commands.expire());
    Registrant w = list(WORKER).get(0);
    assertThat(w.getState()).isEqualTo(RegistrantState.DOWN);
    assertThat(w.getLeaseId()).isZero();
  }

  @Test
  void heartbeatOfDownRegistrantAsksItToReRegister() {
    d.ok(Commands.register(WORKER, "w1"));
    d.advance(10_000);
    d.ok(Commands.expire());
    RegistryError error = d.rejected(Commands.heartbeat(WORKER, "w1"));
    assertThat(error.getCode()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
    assertThat(error.getMessage()).contains("WORKER/w1").contains("re-register");
  }

  @Test
  void reRegisterRevivesDownRegistrantWithNewLease() {
    d.ok(Commands.register(WORKER, "w1"));
    d.advance(10_000);
    d.ok(Commands.expire());
    Registrant revived = d.ok(Commands.register(WORKER, "w1")).getRegister().getRegistrant();
    assertThat(revived.getState()).isEqualTo(RegistrantState.ALIVE);
    assertThat(revived.getLeaseId()).isEqualTo(2);
    assertThat(revived.getCreateRevision()).isEqualTo(1);
  }

  @Test
  void heartbeatRenewsLeaseAndRecordsTime() {
    d.ok(Commands.register(WORKER, "w1"));
    d.advance(9_000);
    var hb = d.ok(Commands.heartbeat(WORKER, "w1")).getHeartbeat();
    assertThat(hb.getRegistrant().getLastHeartbeatMillis()).isEqualTo(d.now);
    assertThat(hb.getTtlMillis()).isEqualTo(10_000);
    d.advance(9_000);
    assertThat(d.ok(Commands.expire()).getExpireLeases().getExpiredLeaseIdsList()).isEmpty();
    assertThat(list(WORKER).get(0).getState()).isEqualTo(RegistrantState.ALIVE);
  }

  @Test
  void heartbeatOfUnknownRegistrantIsNotFound() {
    RegistryError error = d.rejected(Commands.heartbeat(FILE_SERVER, "fs9"));
    assertThat(error.getCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getField()).isEqualTo("id");
    assertThat(error.getMessage()).contains("FILE_SERVER/fs9");
  }

  @Test
  void heartbeatTtlScalesWithRegistrants() {
    Driver scaled = new Driver(Limits.heartbeats(2_000, 2));
    long ttl = 0;
    for (int i = 1; i <= 9; i++) {
      ttl = scaled.ok(Commands.register(WORKER, "w" + i)).getRegister().getTtlMillis();
    }
    // 9 registrants at 2 heartbeats/s need ceil(9 / 2) = 5 s between heartbeats each.
    assertThat(ttl).isEqualTo(5_000);
    assertThat(scaled.ok(Commands.heartbeat(WORKER, "w1")).getHeartbeat().getTtlMillis()).isEqualTo(5_000);
  }

  @Test
  void drainingIsKeptAcrossReRegistrationAndCanBeUndone() {
    d.ok(Commands.register(WORKER, "w1"));
    Registrant drained = d.ok(Commands.setState(WORKER, "w1", RegistrantState.DRAINING))
        .getSetRegistrantState().getRegistrant();
    assertThat(drained.getState()).isEqualTo(RegistrantState.DRAINING);
    assertThat(d.ok(Commands.register(WORKER, "w1")).getRegister().getRegistrant().getState())
        .isEqualTo(RegistrantState.DRAINING);
    assertThat(d.ok(Commands.setState(WORKER, "w1", RegistrantState.ALIVE)).getSetRegistrantState()
        .getRegistrant().getState()).isEqualTo(RegistrantState.ALIVE);
  }

  @Test
  void setStateAcceptsOnlyAliveOrDraining() {
    d.ok(Commands.register(WORKER, "w1"));
    RegistryError error = d.rejected(Commands.setState(WORKER, "w1", RegistrantState.DOWN));
    assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(error.getField()).isEqualTo("state");
  }

  @Test
  void deregisterRemovesRegistrantItsLeaseAndItsKeys() {
    long lease = d.ok(Commands.register(FILE_SERVER, "fs1")).getRegister().getRegistrant().getLeaseId();
    d.ok(Commands.put("fs/fs1/online", "1", lease));
    Registrant removed = d.ok(Commands.deregister(FILE_SERVER, "fs1")).getDeregister().getRemoved();
    assertThat(removed.getId()).isEqualTo("fs1");
    assertThat(list(RegistrantKind.REGISTRANT_KIND_UNSPECIFIED)).isEmpty();
    assertThat(d.registry.snapshot().getLeasesList()).isEmpty();
    assertThat(d.query(Commands.get("fs/fs1/online")).getGet().hasKv()).isFalse();
    assertThat(d.rejected(Commands.deregister(FILE_SERVER, "fs1")).getCode()).isEqualTo(ErrorCode.NOT_FOUND);
  }

  @Test
  void listFiltersByKindInIdOrder() {
    d.ok(Commands.register(WORKER, "w2"));
    d.ok(Commands.register(FILE_SERVER, "fs1"));
    d.ok(Commands.register(WORKER, "w1"));
    assertThat(list(WORKER)).extracting(Registrant::getId).containsExactly("w1", "w2");
    assertThat(list(FILE_SERVER)).extracting(Registrant::getId).containsExactly("fs1");
    assertThat(list(RegistrantKind.REGISTRANT_KIND_UNSPECIFIED)).hasSize(3);
  }

  @Test
  void sameIdMayBeUsedByBothKinds() {
    d.ok(Commands.register(WORKER, "x"));
    d.ok(Commands.register(FILE_SERVER, "x"));
    assertThat(list(RegistrantKind.REGISTRANT_KIND_UNSPECIFIED)).hasSize(2);
  }

  private List<Registrant> list(RegistrantKind kind) {
    return d.query(Query.newBuilder().setListRegistrants(ListRegistrantsRequest.newBuilder().setKind(kind)).build())
        .getListRegistrants().getRegistrantsList();
  }
}
