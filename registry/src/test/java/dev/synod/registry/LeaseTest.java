package dev.synod.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.Lease;
import dev.synod.proto.v1.LeaseListRequest;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistryError;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeaseTest {
  private final Driver d = new Driver();

  @Test
  void leaseIdsAreAssignedSequentiallyAndExpireAfterTtl() {
    Lease first = d.ok(Commands.grant(5_000)).getLeaseGrant().getLease();
    Lease second = d.ok(Commands.grant(5_000)).getLeaseGrant().getLease();
    assertThat(first.getId()).isEqualTo(1);
    assertThat(second.getId()).isEqualTo(2);
    assertThat(first.getExpiresAtMillis()).isEqualTo(d.now + 5_000);
    assertThat(d.registry.snapshot().getNextLeaseId()).isEqualTo(3);
  }

  @Test
  void leaseExpiresOnlyThroughExpireCommand() {
    long id = d.ok(Commands.grant(1_000)).getLeaseGrant().getLease().getId();
    d.ok(Commands.put("ephemeral", "v", id));
    d.advance(60_000);
    d.ok(Commands.put("other", "v"));
    assertThat(leases()).extracting(Lease::getId).containsExactly(id);
    assertThat(d.query(Commands.get("ephemeral")).getGet().hasKv()).isTrue();

    assertThat(d.ok(Commands.expire()).getExpireLeases().getExpiredLeaseIdsList()).containsExactly(id);
    assertThat(leases()).isEmpty();
    assertThat(d.query(Commands.get("ephemeral")).getGet().hasKv()).isFalse();
    assertThat(d.query(Commands.get("other")).getGet().hasKv()).isTrue();
  }

  @Test
  void expireLeavesLeasesThatAreNotYetDue() {
    long shortLease = d.ok(Commands.grant(1_000)).getLeaseGrant().getLease().getId();
    d.ok(Commands.grant(10_000));
    d.advance(1_000);
    assertThat(d.ok(Commands.expire()).getExpireLeases().getExpiredLeaseIdsList()).containsExactly(shortLease);
    assertThat(leases()).hasSize(1);
  }

  @Test
  void keepAliveRenewsFromTheRegistryClock() {
    Lease lease = d.ok(Commands.grant(5_000)).getLeaseGrant().getLease();
    d.advance(4_000);
    Lease renewed = d.ok(Commands.keepAlive(lease.getId())).getLeaseKeepAlive().getLease();
    assertThat(renewed.getExpiresAtMillis()).isEqualTo(d.now + 5_000);
    d.advance(4_000);
    assertThat(d.ok(Commands.expire()).getExpireLeases().getExpiredLeaseIdsList()).isEmpty();
  }

  @Test
  void keepAliveOfUnknownLeaseIsNotFound() {
    RegistryError error = d.rejected(Commands.keepAlive(9));
    assertThat(error.getCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getField()).isEqualTo("lease_id");
  }

  @Test
  void revokeDeletesLeaseAndAttachedKeys() {
    long id = d.ok(Commands.grant(5_000)).getLeaseGrant().getLease().getId();
    d.ok(Commands.put("a", "1", id));
    d.ok(Commands.put("b", "1", id));
    d.ok(Commands.put("c", "1"));
    assertThat(d.ok(Commands.revoke(id)).getLeaseRevoke().getDeletedKeys()).isEqualTo(2);
    assertThat(leases()).isEmpty();
    assertThat(d.query(Commands.range("", 0, "")).getRange().getKvsCount()).isEqualTo(1);
  }

  @Test
  void reattachingAKeyToAnotherLeaseMovesIt() {
    long one = d.ok(Commands.grant(5_000)).getLeaseGrant().getLease().getId();
    long two = d.ok(Commands.grant(5_000)).getLeaseGrant().getLease().getId();
    d.ok(Commands.put("a", "1", one));
    d.ok(Commands.put("a", "2", two));
    assertThat(d.ok(Commands.revoke(one)).getLeaseRevoke().getDeletedKeys()).isZero();
    assertThat(d.query(Commands.get("a")).getGet().hasKv()).isTrue();
  }

  @Test
  void leaderChangeGivesLeasesGrace() {
    long id = d.ok(Commands.grant(1_000)).getLeaseGrant().getLease().getId();
    long later = d.ok(Commands.grant(100_000)).getLeaseGrant().getLease().getId();
    d.advance(5_000); // the first lease is overdue, but no leader swept it before the election

    var extended = d.ok(Commands.epoch(15_000)).getLeaderEpoch();
    assertThat(extended.getLeasesExtended()).isEqualTo(1);
    assertThat(d.ok(Commands.expire()).getExpireLeases().getExpiredLeaseIdsList()).isEmpty();
    assertThat(leases()).filteredOn(l -> l.getId() == id)
        .singleElement().extracting(Lease::getExpiresAtMillis).isEqualTo(d.now + 15_000);
    assertThat(leases()).filteredOn(l -> l.getId() == later)
        .singleElement().extracting(Lease::getExpiresAtMillis).isEqualTo(d.now - 5_000 + 100_000);

    d.advance(15_000);
    assertThat(d.ok(Commands.expire()).getExpireLeases().getExpiredLeaseIdsList()).containsExactly(id);
  }

  @Test
  void leaderChangeGivesRegistrantLeasesGraceToo() {
    d.ok(Commands.register(RegistrantKind.WORKER, "w1"));
    d.advance(30_000); // heartbeats were lost while there was no leader
    d.ok(Commands.epoch(15_000));
    assertThat(d.ok(Commands.expire()).getExpireLeases().getExpiredLeaseIdsList()).isEmpty();
    d.ok(Commands.heartbeat(RegistrantKind.WORKER, "w1"));
  }

  @Test
  void clockNeverGoesBackwards() {
    d.ok(Commands.put("a", "1"));
    long clock = d.registry.snapshot().getClockMillis();
    d.now -= 50_000; // a new leader whose wall clock is behind
    Lease lease = d.ok(Commands.grant(5_000)).getLeaseGrant().getLease();
    assertThat(d.registry.snapshot().getClockMillis()).isEqualTo(clock);
    assertThat(lease.getExpiresAtMillis()).isEqualTo(clock + 5_000);
  }

  @Test
  void registrantLeaseCannotBeRevokedOrKeptAliveDirectly() {
    long id = d.ok(Commands.register(RegistrantKind.WORKER, "w1")).getRegister().getRegistrant().getLeaseId();
    RegistryError revoke = d.rejected(Commands.revoke(id));
    assertThat(revoke.getCode()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
    assertThat(revoke.getMessage()).contains("WORKER/w1");
    assertThat(d.rejected(Commands.keepAlive(id)).getCode()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
  }

  @Test
  void leaseTtlOutsideLimitsIsRejected() {
    RegistryError tooShort = d.rejected(Commands.grant(999));
    assertThat(tooShort.getCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(tooShort.getMessage()).isEqualTo("ttl_millis: 999 (expected: >= 1000)");
    RegistryError tooLong = d.rejected(Commands.grant(86_400_001));
    assertThat(tooLong.getMessage()).isEqualTo("ttl_millis: 86400001 (expected: <= 86400000)");
    assertThat(d.rejected(Commands.grant(0)).getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(d.registry.snapshot().getNextLeaseId()).isEqualTo(1);
  }

  private List<Lease> leases() {
    return d.query(Query.newBuilder().setLeaseList(LeaseListRequest.getDefaultInstance()).build())
        .getLeaseList().getLeasesList();
  }
}
