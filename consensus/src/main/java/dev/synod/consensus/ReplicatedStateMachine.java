package dev.synod.consensus;

/**
 * A deterministic state machine replicated by consensus. Implementations do no I/O.
 *
 * <p>Threading: {@link #apply} and {@link #restore} run one at a time with no reader active;
 * {@link #prepare}, {@link #query} and {@link #snapshot} may run concurrently with each other (never with
 * {@code apply}/{@code restore}).
 */
public interface ReplicatedStateMachine {

  /**
   * Runs on the leader before the entry is appended; returns the bytes to log (the node stamps the leader's
   * timestamp here). May throw {@link IllegalArgumentException} to reject the proposal (the writer gets the message).
   */
  byte[] prepare(byte[] proposal);

  /** Applies the committed entry at {@code index}; deterministic; application errors are encoded in the result. */
  byte[] apply(long index, byte[] entry);

  /** Answers a read-only query against the current state. */
  byte[] query(byte[] query);

  /** Serializes the whole state; {@link #restore} of these bytes must give the same state. */
  byte[] snapshot();

  /** Replaces the whole state with a snapshot taken by {@link #snapshot}. */
  void restore(byte[] snapshot);
}
