package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.KeyValue;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.NavigableSet;
import java.util.TreeMap;
import java.util.TreeSet;

/** The keys, in unsigned lexicographic order, with an index from lease id to the keys it holds. */
final class KvTable {
  static final Comparator<ByteString> ORDER = UnsignedByteOrder.INSTANCE;

  private final NavigableMap<ByteString, KeyValue> kvs = new TreeMap<>(ORDER);
  // Sorted so that revoking or expiring a lease deletes (and reports) its keys in a fixed order.
  private final Map<Long, NavigableSet<ByteString>> byLease = new HashMap<>();
  private final Journal journal;

  KvTable(Journal journal) {
    this.journal = journal;
  }

  KeyValue get(ByteString key) {
    return kvs.get(key);
  }

  int size() {
    return kvs.size();
  }

  Collection<KeyValue> all() {
    return kvs.values();
  }

  /** Keys from {@code start} on, in order. */
  NavigableMap<ByteString, KeyValue> from(ByteString start, boolean inclusive) {
    return kvs.tailMap(start, inclusive);
  }

  /** A copy of the keys attached to a lease, in order, safe to iterate while deleting. */
  List<ByteString> keysOf(long leaseId) {
    NavigableSet<ByteString> keys = byLease.get(leaseId);
    return keys == null ? List.of() : List.copyOf(keys);
  }

  void put(KeyValue kv) {
    KeyValue old = rawPut(kv);
    journal.record(() -> rawReplace(kv.getKey(), old));
  }

  KeyValue remove(ByteString key) {
    KeyValue old = rawRemove(key);
    if (old != null) {
      journal.record(() -> rawPut(old));
    }
    return old;
  }

  private void rawReplace(ByteString key, KeyValue old) {
    if (old == null) {
      rawRemove(key);
    } else {
      rawPut(old);
    }
  }

  private KeyValue rawPut(KeyValue kv) {
    KeyValue old = kvs.put(kv.getKey(), kv);
    if (old != null) {
      unindex(old);
    }
    if (kv.getLeaseId() != 0) {
      byLease.computeIfAbsent(kv.getLeaseId(), id -> new TreeSet<>(ORDER)).add(kv.getKey());
    }
    return old;
  }

  private KeyValue rawRemove(ByteString key) {
    KeyValue old = kvs.remove(key);
    if (old != null) {
      unindex(old);
    }
    return old;
  }

  private void unindex(KeyValue kv) {
    if (kv.getLeaseId() == 0) {
      return;
    }
    NavigableSet<ByteString> keys = byLease.get(kv.getLeaseId());
    if (keys != null && keys.remove(kv.getKey()) && keys.isEmpty()) {
      byLease.remove(kv.getLeaseId());
    }
  }
}
