package dev.synod.registry;

import dev.synod.proto.v1.ExpireLeasesResult;
import dev.synod.proto.v1.LeaderEpoch;
import dev.synod.proto.v1.LeaderEpochResult;
import dev.synod.proto.v1.Lease;
import java.util.ArrayList;
import java.util.List;

/**
 * Lease deadlines as the leader drives them: an ExpireLeases command is the only way a lease ever
 * expires, and a LeaderEpoch command gives every lease a grace period after a leader change.
 */
final class LeaseExpiry {
  private final RegistryState state;
  private final LeaseLifecycle leases;
  private final RegistrantLifecycle registrants;

  LeaseExpiry(RegistryState state, LeaseLifecycle leases, RegistrantLifecycle registrants) {
    this.state = state;
    this.leases = leases;
    this.registrants = registrants;
  }

  /** Expires every lease due at the registry clock; a registrant that held one goes DOWN and stays listed. */
  ExpireLeasesResult expire(long rev) {
    ExpireLeasesResult.Builder out = ExpireLeasesResult.newBuilder();
    for (long id : state.leases.dueAt(state.clock())) {
      RegistrantKey holder = state.registrants.ownerOf(id);
      leases.release(rev, id);
      if (holder != null) {
        registrants.markDown(rev, holder);
      }
      out.addExpiredLeaseIds(id);
    }
    return out.build();
  }

  /** Extends every lease to at least clock + grace, so a new leader does not expire the fleet. */
  LeaderEpochResult grace(LeaderEpoch epoch) {
    long floor = state.clockPlus(epoch.getGraceMillis());
    List<Lease> extended = new ArrayList<>();
    for (Lease lease : state.leases.all()) {
      if (lease.getExpiresAtMillis() < floor) {
        extended.add(lease.toBuilder().setExpiresAtMillis(floor).build());
      }
    }
    // Written after the scan: the table must not change under its own iterator.
    extended.forEach(state.leases::put);
    return LeaderEpochResult.newBuilder().setLeasesExtended(extended.size()).build();
  }
}
