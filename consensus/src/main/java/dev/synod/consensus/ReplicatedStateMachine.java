package dev.synod.consensus;

import java.util.function.Supplier;

/**
 * A deterministic state machine replicated by consensus. Implementations do no I/O.
 *
 * <p>Threading: {@link #apply} and {@link #restore} run one at a time with no reader active;
 * {@link #prepare}, {@link #query} and {@link #captureSnapshot} may run concurrently with each other (never with
 * {@code apply}/{@code restore}). The serializer a capture returns runs later on another thread, alongside all of
 * them.
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

  /**
   * Captures the whole state as it is now; applies wait for this, so it should be cheap (an immutable view, not a
   * serialization). The returned serializer turns the captured state into bytes later, while applies go on, and
   * {@link #restore} of those bytes must give the captured state.
   */
  Supplier<byte[]> captureSnapshot();

  /** Replaces the whole state with a snapshot serialized from {@link #captureSnapshot}. */
  void restore(byte[] snapshot);
}
