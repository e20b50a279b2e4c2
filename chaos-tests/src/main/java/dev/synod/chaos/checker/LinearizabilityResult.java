package dev.synod.chaos.checker;

import java.util.List;
import java.util.Map;

/**
 * What {@link LinearizabilityChecker} found: INVALID if any key is, else UNKNOWN if any key ran out of budget.
 *
 * @param verdict the combined verdict
 * @param keys per-key results, ordered by key
 * @param elapsedNanos how long the check took
 */
public record LinearizabilityResult(Verdict verdict, Map<String, KeyResult> keys, long elapsedNanos) {

  /** True iff the verdict is VALID. */
  public boolean valid() {
    return verdict == Verdict.VALID;
  }

  /** The explanations of all INVALID keys. */
  public List<Explanation> explanations() {
    return keys.values().stream().filter(k -> k.explanation() != null).map(KeyResult::explanation).toList();
  }
}
