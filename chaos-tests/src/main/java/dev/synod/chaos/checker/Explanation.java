package dev.synod.chaos.checker;

import java.util.List;
import java.util.stream.Collectors;

/**
 * Why a key's history is not linearizable: the longest linearizable prefix the search found, the op that could
 * not be linearized after it, and the ops concurrent with that op.
 *
 * @param key the key
 * @param prefixLength how many ops the longest prefix linearized
 * @param prefixTail the last ops of that prefix, oldest first, each with the state after it
 * @param stateAfterPrefix the model state(s) after the prefix
 * @param stuck the op that returned before it could be linearized
 * @param concurrent other ops whose intervals overlap {@code stuck}'s (capped)
 * @param message a readable summary naming all of the above
 */
public record Explanation(String key, int prefixLength, List<PrefixStep> prefixTail, String stateAfterPrefix,
    OpSummary stuck, List<OpSummary> concurrent, String message) {

  /** One linearized op and the state it led to. */
  public record PrefixStep(OpSummary op, String stateAfter) {}

  static Explanation of(String key, int prefixLength, List<PrefixStep> tail, String state, OpSummary stuck,
      List<OpSummary> concurrent) {
    String msg = "key " + key + ": " + stuck + " cannot be linearized after " + prefixLength
        + " op(s) that can; state then: " + state
        + (tail.isEmpty() ? "" : "\n  last linearized: " + tail.stream()
            .map(s -> s.op() + " ⇒ " + s.stateAfter()).collect(Collectors.joining("\n    ")))
        + (concurrent.isEmpty() ? "" : "\n  concurrent with it: " + concurrent.stream()
            .map(OpSummary::toString).collect(Collectors.joining("\n    ")));
    return new Explanation(key, prefixLength, List.copyOf(tail), state, stuck, List.copyOf(concurrent), msg);
  }

  /** History indices of the invocations of every op named here, for highlighting. */
  public List<Long> namedInvokeIndices() {
    List<Long> out = new java.util.ArrayList<>();
    out.add(stuck.invokeIndex());
    concurrent.forEach(c -> out.add(c.invokeIndex()));
    prefixTail.forEach(s -> out.add(s.op().invokeIndex()));
    return out.stream().distinct().toList();
  }
}
