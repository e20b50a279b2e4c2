package dev.synod.registry;

import dev.synod.proto.v1.WatchEvent;
import java.util.ArrayList;
import java.util.List;

/**
 * The retained change events, oldest first. Only whole revisions are retained: when trimming drops
 * part of a revision's events it drops the rest too, so every retained event is newer than
 * {@link #compactRevision()} and a reader resuming at {@code compactRevision + 1} misses nothing.
 */
final class EventLog {
  // A list with a moving head: appends and trims are O(1) amortized, and lookups by revision can
  // binary-search, which a deque cannot.
  private final ArrayList<WatchEvent> events = new ArrayList<>();
  private final Journal journal;
  private int head;
  private long compactRevision;

  EventLog(Journal journal) {
    this.journal = journal;
  }

  void append(WatchEvent event) {
    events.add(event);
    journal.record(() -> events.remove(events.size() - 1));
  }

  /** Revision of the newest dropped event; 0 while nothing has been dropped. */
  long compactRevision() {
    return compactRevision;
  }

  int size() {
    return events.size() - head;
  }

  /** The retained events, oldest first (a live view). */
  List<WatchEvent> retained() {
    return events.subList(head, events.size());
  }

  /** Position in {@link #retained()} of the first event at or after {@code revision}. */
  int indexOf(long revision) {
    int lo = head;
    int hi = events.size();
    while (lo < hi) {
      int mid = (lo + hi) >>> 1;
      if (events.get(mid).getRevision() < revision) {
        lo = mid + 1;
      } else {
        hi = mid;
      }
    }
    return lo - head;
  }

  /** Drops the oldest events beyond {@code capacity}. Runs after a command commits, never undone. */
  void trim(int capacity) {
    if (size() <= capacity) {
      return;
    }
    while (size() > capacity) {
      compactRevision = events.get(head++).getRevision();
    }
    while (head < events.size() && events.get(head).getRevision() <= compactRevision) {
      head++;
    }
    if (head > 1024 && head * 2 > events.size()) {
      events.subList(0, head).clear();
      head = 0;
    }
  }

  /** Replaces the whole history, as a snapshot restore does. */
  void reset(List<WatchEvent> retained, long compactRevision) {
    events.clear();
    events.addAll(retained);
    head = 0;
    this.compactRevision = compactRevision;
  }
}
