package dev.synod.consensus;

/**
 * A {@link ConsensusListener} that also follows applied entries. {@link #onApplied} may skip indexes when applies
 * outpace the listener (it always reports the newest applied index).
 */
public interface AppliedListener extends ConsensusListener {

  void onApplied(long index);

  /**
   * Whether {@link #onApplied} has anyone to tell now. Reporting an apply hands a task to the listener thread, a
   * thread wake per write on every node, so it is skipped while no listener wants it. A listener that starts
   * wanting applies again catches up on its own: it is not told what it missed.
   */
  default boolean wantsApplied() {
    return true;
  }
}
