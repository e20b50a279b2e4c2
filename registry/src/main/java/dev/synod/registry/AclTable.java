package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.StoredToken;
import dev.synod.proto.v1.TokenState;
import java.util.ArrayList;
import java.util.Collection;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.NavigableMap;
import java.util.TreeMap;

/**
 * Every token secret hash the registry knows, active or tombstoned, with an index from accessor id to
 * the token's current entry (the ACTIVE one, or the REVOKED one once revoked; ROTATED entries are
 * tombstones of earlier secrets and never current).
 */
final class AclTable {
  private final Map<ByteString, StoredToken> byHash = new HashMap<>();
  private final NavigableMap<String, StoredToken> current = new TreeMap<>();
  private final Journal journal;
  // The accessor of the bootstrap token, null until bootstrapped. Its create_revision is the bootstrap
  // revision, so the snapshot carries that revision without a field of its own.
  private String bootstrapAccessor;

  AclTable(Journal journal) {
    this.journal = journal;
  }

  StoredToken byHash(ByteString secretSha256) {
    return byHash.get(secretSha256);
  }

  /** The token's ACTIVE or REVOKED entry, or null for an unknown accessor. */
  StoredToken current(String accessorId) {
    return current.get(accessorId);
  }

  /** Current entries in accessor id order. */
  Collection<StoredToken> currentEntries() {
    return current.values();
  }

  /** Stored entries, tombstones included: what the token limit bounds. */
  int size() {
    return byHash.size();
  }

  boolean bootstrapped() {
    return bootstrapAccessor != null;
  }

  /** Revision of the bootstrap; only meaningful once bootstrapped. */
  long bootstrapRevision() {
    return current.get(bootstrapAccessor).getToken().getCreateRevision();
  }

  void markBootstrapped(String accessorId) {
    String old = bootstrapAccessor;
    bootstrapAccessor = accessorId;
    journal.record(() -> bootstrapAccessor = old);
  }

  /** Adds an entry or replaces the one with the same hash. */
  void put(StoredToken entry) {
    StoredToken old = rawPut(entry);
    journal.record(() -> {
      rawRemove(entry.getSecretSha256());
      if (old != null) {
        rawPut(old);
      }
    });
  }

  /** Accessor of the bootstrap token; only meaningful once bootstrapped. */
  String bootstrapAccessor() {
    return bootstrapAccessor;
  }

  /**
   * All entries: the bootstrap token's first (easy to find when reading a snapshot), then by accessor id,
   * state revision and hash, so equal tables give equal lists.
   */
  List<StoredToken> all() {
    List<StoredToken> all = new ArrayList<>(byHash.values());
    all.sort(Comparator.<StoredToken, Boolean>comparing(t -> !t.getToken().getAccessorId().equals(bootstrapAccessor))
        .thenComparing(t -> t.getToken().getAccessorId())
        .thenComparingLong(StoredToken::getStateRevision)
        .thenComparing(StoredToken::getSecretSha256, KvTable.ORDER));
    return all;
  }

  private StoredToken rawPut(StoredToken entry) {
    StoredToken old = rawRemove(entry.getSecretSha256());
    byHash.put(entry.getSecretSha256(), entry);
    if (entry.getState() != TokenState.TOKEN_ROTATED) {
      current.put(entry.getToken().getAccessorId(), entry);
    }
    return old;
  }

  private StoredToken rawRemove(ByteString hash) {
    StoredToken old = byHash.remove(hash);
    if (old != null) {
      String accessor = old.getToken().getAccessorId();
      StoredToken now = current.get(accessor);
      if (now != null && now.getSecretSha256().equals(hash)) {
        current.remove(accessor);
      }
    }
    return old;
  }
}
