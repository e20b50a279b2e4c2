package dev.synod.chaos.history;

/**
 * An invocation with its completion. A pending invocation (never completed) gets a synthetic INFO completion
 * with index -1 at the end of the history, because its outcome is unknown.
 */
public record OpPair(Op invoke, Op completion) {

  public OpPair {
    if (invoke.type() != OpType.INVOKE) {
      throw new IllegalArgumentException("invoke: " + invoke + " (expected: an invoke)");
    }
    if (completion.type() == OpType.INVOKE) {
      throw new IllegalArgumentException("completion: " + completion + " (expected: ok, fail or info)");
    }
  }

  /** How the op ended: OK, FAIL or INFO. */
  public OpType type() {
    return completion.type();
  }

  /** True if no completion was recorded. */
  public boolean pending() {
    return completion.index() < 0;
  }

  public int process() {
    return invoke.process();
  }

  public String f() {
    return invoke.f();
  }

  public String key() {
    return invoke.key();
  }

  /** Completion time minus invocation time. */
  public long latencyNanos() {
    return completion.timeNanos() - invoke.timeNanos();
  }
}
