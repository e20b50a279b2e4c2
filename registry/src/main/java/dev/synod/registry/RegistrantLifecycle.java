package dev.synod.registry;

import dev.synod.proto.v1.DeregisterRequest;
import dev.synod.proto.v1.DeregisterResponse;
import dev.synod.proto.v1.HeartbeatRequest;
import dev.synod.proto.v1.HeartbeatResponse;
import dev.synod.proto.v1.Lease;
import dev.synod.proto.v1.RegisterRequest;
import dev.synod.proto.v1.RegisterResponse;
import dev.synod.proto.v1.Registrant;
import dev.synod.proto.v1.RegistrantEvent;
import dev.synod.proto.v1.RegistrantEventType;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistrantState;
import dev.synod.proto.v1.SetRegistrantStateRequest;
import dev.synod.proto.v1.SetRegistrantStateResponse;
import dev.synod.proto.v1.WatchEvent;

/**
 * File servers and workers: register (an upsert that creates or renews the registrant's lease),
 * heartbeat, drain, deregister, and going DOWN when the lease expires.
 */
final class RegistrantLifecycle {
  private final RegistryState state;
  private final RegistryLimits limits;
  private final LeaseLifecycle leases;

  RegistrantLifecycle(RegistryState state, RegistryLimits limits, LeaseLifecycle leases) {
    this.state = state;
    this.limits = limits;
    this.leases = leases;
  }

  RegisterResponse register(long rev, RegisterRequest req) {
    RegistrantKey key = new RegistrantKey(req.getKind(), req.getId());
    Registrant existing = state.registrants.get(key);
    boolean live = existing != null && existing.getState() != RegistrantState.DOWN;
    long requested = req.getTtlMillis() == 0 ? limits.minHeartbeatTtlMillis() : req.getTtlMillis();
    long ttl = Math.max(requested, scaledTtl(state.registrants.live() + (live ? 0 : 1)));
    Lease lease = live ? leases.renew(state.leases.get(existing.getLeaseId()), ttl) : leases.create(ttl);
    Registrant registrant = Registrant.newBuilder()
        .setKind(req.getKind())
        .setId(req.getId())
        .addAllAddresses(req.getAddressesList())
        .setZone(req.getZone())
        .putAllLabels(req.getLabelsMap())
        .setCapacity(req.getCapacity())
        // Re-registering revives a DOWN registrant but does not undo an operator's drain.
        .setState(live ? existing.getState() : RegistrantState.ALIVE)
        .setLeaseId(lease.getId())
        .setCreateRevision(existing == null ? rev : existing.getCreateRevision())
        .setModRevision(rev)
        .setLastHeartbeatMillis(state.clock())
        .build();
    upsert(rev, registrant);
    return RegisterResponse.newBuilder().setHeader(KvWrites.header(rev))
        .setRegistrant(registrant).setTtlMillis(lease.getTtlMillis()).build();
  }

  /**
   * Renews the lease and records the heartbeat time. Deliberately neither bumps mod_revision nor
   * records an event: heartbeats are the most frequent command and would flush the event history.
   */
  HeartbeatResponse heartbeat(long rev, HeartbeatRequest req) {
    Registrant existing = requireLive(req.getKind(), req.getId(), "re-register");
    Lease lease = state.leases.get(existing.getLeaseId());
    // The TTL only grows here: a shrinking fleet keeps the longer, safer TTL until re-registration.
    lease = leases.renew(lease, Math.max(lease.getTtlMillis(), scaledTtl(state.registrants.live())));
    Registrant registrant = existing.toBuilder().setLastHeartbeatMillis(state.clock()).build();
    state.registrants.put(registrant);
    return HeartbeatResponse.newBuilder().setHeader(KvWrites.header(rev))
        .setRegistrant(registrant).setTtlMillis(lease.getTtlMillis()).build();
  }

  SetRegistrantStateResponse setState(long rev, SetRegistrantStateRequest req) {
    Registrant existing = requireLive(req.getKind(), req.getId(), "re-register before changing its state");
    Registrant registrant = existing;
    if (existing.getState() != req.getState()) {
      registrant = existing.toBuilder().setState(req.getState()).setModRevision(rev).build();
      upsert(rev, registrant);
    }
    return SetRegistrantStateResponse.newBuilder().setHeader(KvWrites.header(rev)).setRegistrant(registrant).build();
  }

  DeregisterResponse deregister(long rev, DeregisterRequest req) {
    Registrant existing = require(req.getKind(), req.getId());
    RegistrantKey key = RegistrantKey.of(existing);
    // Remove the registrant first so its lease is no longer held when the lease is released.
    state.registrants.remove(key);
    if (existing.getLeaseId() != 0) {
      leases.release(rev, existing.getLeaseId());
    }
    record(rev, RegistrantEventType.REGISTRANT_REMOVED, existing);
    return DeregisterResponse.newBuilder().setHeader(KvWrites.header(rev)).setRemoved(existing).build();
  }

  /** Called when the registrant's lease expired (and was already released). */
  void markDown(long rev, RegistrantKey key) {
    Registrant down = state.registrants.get(key).toBuilder()
        .setState(RegistrantState.DOWN).setLeaseId(0).setModRevision(rev).build();
    upsert(rev, down);
  }

  /** Heartbeat TTL that keeps the fleet under the heartbeat rate: ceil(live / rate) seconds, at least the minimum. */
  private long scaledTtl(int live) {
    long seconds = (live + (long) limits.maxHeartbeatsPerSecond() - 1) / limits.maxHeartbeatsPerSecond();
    return Math.max(limits.minHeartbeatTtlMillis(), seconds * 1000);
  }

  private Registrant require(RegistrantKind kind, String id) {
    Registrant r = state.registrants.get(new RegistrantKey(kind, id));
    if (r == null) {
      throw Rejection.notFound("id", kind + "/" + id + " is not registered (expected: register first)");
    }
    return r;
  }

  private Registrant requireLive(RegistrantKind kind, String id, String remedy) {
    Registrant r = require(kind, id);
    if (r.getState() == RegistrantState.DOWN) {
      throw Rejection.failedPrecondition("id", kind + "/" + id + " is DOWN: its lease expired (expected: "
          + remedy + ")");
    }
    return r;
  }

  private void upsert(long rev, Registrant registrant) {
    state.registrants.put(registrant);
    record(rev, RegistrantEventType.REGISTRANT_UPSERT, registrant);
  }

  private void record(long rev, RegistrantEventType type, Registrant registrant) {
    state.events.append(WatchEvent.newBuilder().setRevision(rev)
        .setRegistrant(RegistrantEvent.newBuilder().setType(type).setRegistrant(registrant)).build());
  }
}
