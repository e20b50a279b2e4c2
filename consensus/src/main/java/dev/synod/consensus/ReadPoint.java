package dev.synod.consensus;

/**
 * What a confirmed {@link ReadFence} round established: the leadership, and the leader's commit index taken after
 * the reads it covers arrived, once the leader had committed an entry of its own term (so the index covers every
 * write acknowledged before them). A member that has applied that index may answer them from its own state.
 *
 * @param readIndex the index, or {@link #UNKNOWN} when the round could not learn it (a ReadIndex barrier then
 *     stands in for it)
 */
record ReadPoint(Leadership leadership, long readIndex) {
  static final long UNKNOWN = -1;

  boolean indexKnown() {
    return readIndex != UNKNOWN;
  }
}
