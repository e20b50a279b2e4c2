package dev.synod.chaos.checker;

/** A checker's answer: the history is valid, it is not, or the checker could not tell (budget exceeded). */
public enum Verdict {
  VALID(0),
  INVALID(2),
  UNKNOWN(1);

  private final int severity;

  Verdict(int severity) {
    this.severity = severity;
  }

  /** The verdict of two checks taken together: INVALID beats UNKNOWN beats VALID. */
  public Verdict and(Verdict other) {
    return severity >= other.severity ? this : other;
  }
}
