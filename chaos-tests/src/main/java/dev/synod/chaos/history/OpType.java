package dev.synod.chaos.history;

/** The kind of a history event, as in Jepsen: an invocation or one of its three possible completions. */
public enum OpType {
  /** The client is about to send the request. */
  INVOKE,
  /** The operation definitely happened, with the recorded result. */
  OK,
  /** The operation definitely did not happen. */
  FAIL,
  /** Unknown outcome (exception, timeout, crash): it may or may not have happened. */
  INFO;

  /** Lower-case name used in {@code history.jsonl}, as Jepsen spells it. */
  public String jsonName() {
    return name().toLowerCase(java.util.Locale.ROOT);
  }

  /** Parses {@link #jsonName()}. */
  public static OpType fromJson(String name) {
    for (OpType t : values()) {
      if (t.jsonName().equals(name)) {
        return t;
      }
    }
    throw new IllegalArgumentException("type: " + name + " (expected: invoke, ok, fail or info)");
  }
}
