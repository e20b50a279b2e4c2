package dev.synod.bench.load;

/** How a benchmark read is served, in terms both systems share. */
public enum Consistency {
  /** Sees every write acknowledged before it: Synod's ReadIndex, etcd's default. */
  LINEARIZABLE,
  /** Answered from the serving member's local state: Synod's STALE, etcd's serializable. */
  SERIALIZABLE
}
