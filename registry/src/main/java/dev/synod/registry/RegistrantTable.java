package dev.synod.registry;

import dev.synod.proto.v1.Registrant;
import dev.synod.proto.v1.RegistrantState;
import java.util.Collection;
import java.util.HashMap;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/** Registrants by (kind, id), with the lease each one holds and a count of the live ones. */
final class RegistrantTable {
  private final NavigableMap<RegistrantKey, Registrant> registrants = new TreeMap<>();
  private final Map<Long, RegistrantKey> byLease = new HashMap<>();
  private final Journal journal;
  // Registrants that are not DOWN: they are the ones heartbeating, so they set the TTL scale.
  private int live;

  RegistrantTable(Journal journal) {
    this.journal = journal;
  }

  Registrant get(RegistrantKey key) {
    return registrants.get(key);
  }

  /** The registrant holding this lease, or null. */
  RegistrantKey ownerOf(long leaseId) {
    return byLease.get(leaseId);
  }

  int live() {
    return live;
  }

  int size() {
    return registrants.size();
  }

  /** Registrants in (kind, id) order. */
  Collection<Registrant> all() {
    return registrants.values();
  }

  void put(Registrant r) {
    RegistrantKey key = RegistrantKey.of(r);
    Registrant old = rawPut(key, r);
    journal.record(() -> {
      rawRemove(key);
      if (old != null) {
        rawPut(key, old);
      }
    });
  }

  Registrant remove(RegistrantKey key) {
    Registrant old = rawRemove(key);
    if (old != null) {
      journal.record(() -> rawPut(key, old));
    }
    return old;
  }

  private Registrant rawPut(RegistrantKey key, Registrant r) {
    Registrant old = rawRemove(key);
    registrants.put(key, r);
    if (r.getLeaseId() != 0) {
      byLease.put(r.getLeaseId(), key);
    }
    if (r.getState() != RegistrantState.DOWN) {
      live++;
    }
    return old;
  }

  private Registrant rawRemove(RegistrantKey key) {
    Registrant old = registrants.remove(key);
    if (old != null) {
      if (old.getLeaseId() != 0) {
        byLease.remove(old.getLeaseId());
      }
      if (old.getState() != RegistrantState.DOWN) {
        live--;
      }
    }
    return old;
  }
}
