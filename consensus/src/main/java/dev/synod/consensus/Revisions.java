package dev.synod.consensus;

/**
 * Names every command in the log. One Raft entry carries a batch of up to {@link #SLOTS} commands, so a command's
 * revision is its entry's index times {@code SLOTS} plus its slot in the entry: strictly increasing in log order,
 * with gaps (entries that carry no commands, slots a batch did not fill).
 */
public final class Revisions {
  /** Commands per Raft entry at most. */
  public static final int SLOTS = 1024;

  private Revisions() {}

  public static long of(long index, int slot) {
    if (index < 0 || slot < 0 || slot >= SLOTS) {
      throw new IllegalArgumentException("index " + index + ", slot " + slot + " (expected: index >= 0, slot in [0, "
          + (SLOTS - 1) + "])");
    }
    return Math.multiplyExact(index, (long) SLOTS) + slot;
  }

  /** The highest revision an entry at {@code index} can hold: every command up to that entry is at or below it. */
  public static long lastOf(long index) {
    return index < 0 ? 0 : of(index, SLOTS - 1);
  }
}
