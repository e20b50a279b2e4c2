package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.KeyValue;
import dev.synod.proto.v1.Lease;
import dev.synod.proto.v1.Registrant;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistrantState;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.proto.v1.WatchEvent;
import java.util.HashMap;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;

/**
 * Checks that a snapshot describes a consistent state before anything is replaced: unique keys,
 * leases and registrants, references to leases that exist, an ordered event history, and well-formed
 * ACL entries and signing CA ({@link AclSnapshotValidator}). Limits are
 * not applied, since a snapshot may come from a cluster configured with larger ones.
 */
final class SnapshotValidator {
  private SnapshotValidator() {}

  static void check(RegistrySnapshot s) {
    if (s.getRevision() < 0) {
      throw Rejection.invalid("revision", s.getRevision() + " (expected: >= 0)");
    }
    if (s.getCompactRevision() < 0 || s.getCompactRevision() > s.getRevision()) {
      throw Rejection.invalid("compact_revision", s.getCompactRevision()
          + " (expected: 0 to revision " + s.getRevision() + ")");
    }
    if (s.getClockMillis() < 0) {
      throw Rejection.invalid("clock_millis", s.getClockMillis() + " (expected: >= 0)");
    }
    if (s.getNextLeaseId() < 1) {
      throw Rejection.invalid("next_lease_id", s.getNextLeaseId() + " (expected: >= 1)");
    }
    RevisionCeiling.check(s);
    Set<Long> leases = leases(s);
    keys(s, leases);
    registrants(s, leases);
    events(s);
    AclSnapshotValidator.check(s);
  }

  private static Set<Long> leases(RegistrySnapshot s) {
    Set<Long> ids = new HashSet<>();
    for (int i = 0; i < s.getLeasesCount(); i++) {
      Lease lease = s.getLeases(i);
      String at = "leases[" + i + "]";
      if (lease.getId() < 1 || lease.getId() >= s.getNextLeaseId()) {
        throw Rejection.invalid(at + ".id", lease.getId() + " (expected: 1 to next_lease_id - 1 = "
            + (s.getNextLeaseId() - 1) + ")");
      }
      if (!ids.add(lease.getId())) {
        throw Rejection.invalid(at + ".id", lease.getId() + " (expected: unique)");
      }
      if (lease.getTtlMillis() <= 0) {
        throw Rejection.invalid(at + ".ttl_millis", lease.getTtlMillis() + " (expected: > 0)");
      }
    }
    return ids;
  }

  private static void keys(RegistrySnapshot s, Set<Long> leases) {
    Set<ByteString> keys = new HashSet<>();
    for (int i = 0; i < s.getKvsCount(); i++) {
      KeyValue kv = s.getKvs(i);
      String at = "kvs[" + i + "]";
      if (kv.getKey().isEmpty()) {
        throw Rejection.invalid(at + ".key", "empty (expected: non-empty)");
      }
      if (!keys.add(kv.getKey())) {
        throw Rejection.invalid(at + ".key", Rejection.keyText(kv.getKey()) + " (expected: unique)");
      }
      if (kv.getVersion() < 1) {
        throw Rejection.invalid(at + ".version", kv.getVersion() + " (expected: >= 1)");
      }
      if (kv.getLeaseId() != 0 && !leases.contains(kv.getLeaseId())) {
        throw Rejection.invalid(at + ".lease_id", kv.getLeaseId() + " (expected: 0 or a lease in leases)");
      }
    }
  }

  private static void registrants(RegistrySnapshot s, Set<Long> leases) {
    Set<RegistrantKey> seen = new HashSet<>();
    Map<Long, RegistrantKey> holders = new HashMap<>();
    for (int i = 0; i < s.getRegistrantsCount(); i++) {
      Registrant r = s.getRegistrants(i);
      String at = "registrants[" + i + "]";
      if (r.getKind() != RegistrantKind.FILE_SERVER && r.getKind() != RegistrantKind.WORKER) {
        throw Rejection.invalid(at + ".kind", r.getKindValue() + " (expected: FILE_SERVER or WORKER)");
      }
      if (r.getId().isEmpty()) {
        throw Rejection.invalid(at + ".id", "empty (expected: non-empty)");
      }
      RegistrantKey key = RegistrantKey.of(r);
      if (!seen.add(key)) {
        throw Rejection.invalid(at + ".id", key + " (expected: unique per kind)");
      }
      RegistrantState state = r.getState();
      if (state == RegistrantState.DOWN) {
        if (r.getLeaseId() != 0) {
          throw Rejection.invalid(at + ".lease_id", r.getLeaseId() + " (expected: 0 for a DOWN registrant)");
        }
      } else if (state == RegistrantState.ALIVE || state == RegistrantState.DRAINING) {
        if (!leases.contains(r.getLeaseId())) {
          throw Rejection.invalid(at + ".lease_id", r.getLeaseId() + " (expected: a lease in leases)");
        }
        RegistrantKey other = holders.putIfAbsent(r.getLeaseId(), key);
        if (other != null) {
          throw Rejection.invalid(at + ".lease_id", r.getLeaseId() + " (expected: not also held by " + other + ")");
        }
      } else {
        throw Rejection.invalid(at + ".state", r.getStateValue() + " (expected: ALIVE, DRAINING or DOWN)");
      }
    }
  }

  private static void events(RegistrySnapshot s) {
    long previous = s.getCompactRevision() + 1;
    for (int i = 0; i < s.getEventsCount(); i++) {
      WatchEvent e = s.getEvents(i);
      String at = "events[" + i + "]";
      if (e.getEventCase() == WatchEvent.EventCase.EVENT_NOT_SET) {
        throw Rejection.invalid(at, "no event (expected: kv or registrant)");
      }
      if (e.getRevision() < previous || e.getRevision() > s.getRevision()) {
        throw Rejection.invalid(at + ".revision", e.getRevision() + " (expected: " + previous
            + " to revision " + s.getRevision() + ", in order)");
      }
      previous = e.getRevision();
    }
  }
}
