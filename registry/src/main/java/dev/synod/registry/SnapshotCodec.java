package dev.synod.registry;

import dev.synod.proto.v1.RegistrySnapshot;

/** Converts the state to and from its protobuf snapshot, in a fixed order so equal states give equal snapshots. */
final class SnapshotCodec {
  private SnapshotCodec() {}

  /**
   * Keys in unsigned byte order, leases by id, registrants by (kind, id), events oldest first, ACL
   * entries as {@link AclTable#all()} orders them.
   */
  static RegistrySnapshot snapshot(RegistryState state) {
    RegistrySnapshot.Builder out = RegistrySnapshot.newBuilder()
        .setRevision(state.revision())
        .setClockMillis(state.clock())
        .setNextLeaseId(state.nextLeaseId())
        .addAllKvs(state.kv.all())
        .addAllLeases(state.leases.all())
        .addAllRegistrants(state.registrants.all())
        .addAllEvents(state.events.retained())
        .setCompactRevision(state.events.compactRevision())
        .addAllAclTokens(state.acl.all())
        .setAclBootstrapped(state.acl.bootstrapped());
    if (state.acl.bootstrapped()) {
      out.setAclBootstrapAccessor(state.acl.bootstrapAccessor());
    }
    if (state.signingCa() != null) {
      out.setSigningCa(state.signingCa());
    }
    return out.build();
  }

  /** A fresh state holding exactly the snapshot; the caller has validated it. */
  static RegistryState restore(RegistrySnapshot s) {
    RegistryState state = new RegistryState();
    state.initialize(s.getRevision(), s.getClockMillis(), s.getNextLeaseId());
    s.getLeasesList().forEach(state.leases::put);
    s.getKvsList().forEach(state.kv::put);
    s.getRegistrantsList().forEach(state.registrants::put);
    state.events.reset(s.getEventsList(), s.getCompactRevision());
    s.getAclTokensList().forEach(state.acl::put);
    if (s.getAclBootstrapped()) {
      state.acl.markBootstrapped(s.getAclBootstrapAccessor());
    }
    if (s.hasSigningCa()) {
      state.installSigningCa(s.getSigningCa());
    }
    // Loading is not a command: there is nothing to roll back to.
    state.journal.commit();
    return state;
  }
}
