package dev.synod.chaos.history;

/**
 * A period during which a nemesis fault was in force, from its start op to its heal op.
 *
 * @param fault the fault's name, e.g. "partition" for start-partition/stop-partition, or "kill"
 * @param startOp the op that applied it
 * @param healOp the op that healed it, or null if the history ends with the fault in force
 */
public record FaultWindow(String fault, Op startOp, Op healOp) {

  public long startNanos() {
    return startOp.timeNanos();
  }

  /** The heal time, or {@code endOfHistory} if never healed. */
  public long healNanos(long endOfHistory) {
    return healOp == null ? endOfHistory : healOp.timeNanos();
  }

  public boolean healed() {
    return healOp != null;
  }
}
