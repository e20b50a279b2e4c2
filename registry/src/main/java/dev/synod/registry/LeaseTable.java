package dev.synod.registry;

import dev.synod.proto.v1.Lease;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** Leases by id, with a deadline index so an expiry sweep touches only the leases that are due. */
final class LeaseTable {
  private record Deadline(long at, long id) implements Comparable<Deadline> {
    @Override
    public int compareTo(Deadline o) {
      int c = Long.compare(at, o.at);
      return c != 0 ? c : Long.compare(id, o.id);
    }
  }

  private final NavigableMap<Long, Lease> leases = new TreeMap<>();
  private final NavigableSet<Deadline> deadlines = new TreeSet<>();
  private final Journal journal;

  LeaseTable(Journal journal) {
    this.journal = journal;
  }

  Lease get(long id) {
    return leases.get(id);
  }

  int size() {
    return leases.size();
  }

  /** Leases in id order. */
  Collection<Lease> all() {
    return leases.values();
  }

  /** Ids of the leases whose deadline is at or before {@code clock}, earliest deadline first. */
  List<Long> dueAt(long clock) {
    List<Long> due = new ArrayList<>();
    for (Deadline d : deadlines.headSet(new Deadline(clock, Long.MAX_VALUE), true)) {
      due.add(d.id());
    }
    return due;
  }

  void put(Lease lease) {
    Lease old = rawPut(lease);
    journal.record(() -> {
      rawRemove(lease.getId());
      if (old != null) {
        rawPut(old);
      }
    });
  }

  Lease remove(long id) {
    Lease old = rawRemove(id);
    if (old != null) {
      journal.record(() -> rawPut(old));
    }
    return old;
  }

  private Lease rawPut(Lease lease) {
    Lease old = leases.put(lease.getId(), lease);
    if (old != null) {
      deadlines.remove(new Deadline(old.getExpiresAtMillis(), old.getId()));
    }
    deadlines.add(new Deadline(lease.getExpiresAtMillis(), lease.getId()));
    return old;
  }

  private Lease rawRemove(long id) {
    Lease old = leases.remove(id);
    if (old != null) {
      deadlines.remove(new Deadline(old.getExpiresAtMillis(), id));
    }
    return old;
  }
}
