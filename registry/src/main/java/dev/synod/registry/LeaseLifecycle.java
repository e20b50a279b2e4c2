package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.Lease;
import dev.synod.proto.v1.LeaseGrantRequest;
import dev.synod.proto.v1.LeaseGrantResponse;
import dev.synod.proto.v1.LeaseKeepAliveRequest;
import dev.synod.proto.v1.LeaseKeepAliveResponse;
import dev.synod.proto.v1.LeaseRevokeRequest;
import dev.synod.proto.v1.LeaseRevokeResponse;

/** Granting, renewing and revoking leases; a lease's end deletes the keys attached to it. */
final class LeaseLifecycle {
  private final RegistryState state;
  private final KvWrites kv;

  LeaseLifecycle(RegistryState state, KvWrites kv) {
    this.state = state;
    this.kv = kv;
  }

  LeaseGrantResponse grant(long rev, LeaseGrantRequest req) {
    Lease lease = create(req.getTtlMillis());
    return LeaseGrantResponse.newBuilder().setHeader(KvWrites.header(rev)).setLease(lease).build();
  }

  LeaseKeepAliveResponse keepAlive(long rev, LeaseKeepAliveRequest req) {
    Lease lease = requireClientLease(req.getLeaseId(), "renew it by heartbeat");
    return LeaseKeepAliveResponse.newBuilder().setHeader(KvWrites.header(rev))
        .setLease(renew(lease, lease.getTtlMillis())).build();
  }

  LeaseRevokeResponse revoke(long rev, LeaseRevokeRequest req) {
    Lease lease = requireClientLease(req.getLeaseId(), "deregister the registrant");
    return LeaseRevokeResponse.newBuilder().setHeader(KvWrites.header(rev))
        .setDeletedKeys(release(rev, lease.getId())).build();
  }

  /** A new lease with the next id, expiring {@code ttl} after the registry clock. */
  Lease create(long ttl) {
    Lease lease = Lease.newBuilder()
        .setId(state.allocateLeaseId())
        .setTtlMillis(ttl)
        .setExpiresAtMillis(state.clockPlus(ttl))
        .build();
    state.leases.put(lease);
    return lease;
  }

  /** Pushes the deadline to clock + ttl; never pulls it in, so a grace period is never cut short. */
  Lease renew(Lease lease, long ttl) {
    Lease renewed = lease.toBuilder()
        .setTtlMillis(ttl)
        .setExpiresAtMillis(Math.max(lease.getExpiresAtMillis(), state.clockPlus(ttl)))
        .build();
    if (!renewed.equals(lease)) {
      state.leases.put(renewed);
    }
    return renewed;
  }

  /** Ends a lease: deletes its keys (recording DELETE events) and the lease; returns the key count. */
  long release(long rev, long leaseId) {
    long deleted = 0;
    for (ByteString key : state.kv.keysOf(leaseId)) {
      kv.remove(rev, key);
      deleted++;
    }
    state.leases.remove(leaseId);
    return deleted;
  }

  private Lease requireClientLease(long id, String instead) {
    Lease lease = state.leases.get(id);
    if (lease == null) {
      throw Rejection.notFound("lease_id", id + " does not exist (expected: a granted, unexpired lease)");
    }
    RegistrantKey holder = state.registrants.ownerOf(id);
    if (holder != null) {
      // Registrant leases follow the registrant's lifecycle, so they are not renewed or revoked directly.
      throw Rejection.failedPrecondition("lease_id", id + " is held by registrant " + holder
          + " (expected: a KV lease; " + instead + " instead)");
    }
    return lease;
  }
}
