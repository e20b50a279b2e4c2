package dev.synod.chaos.checker;

import java.util.List;

/**
 * What {@link SetChecker} found. INVALID if any element was lost, unexpected, duplicated or present despite a
 * failed add; UNKNOWN if the set was never read successfully.
 *
 * @param verdict the verdict
 * @param okAdds acknowledged adds
 * @param infoAdds adds with unknown outcome
 * @param failedAdds adds that definitely did not happen
 * @param okRecovered acknowledged adds present in the final read
 * @param infoRecovered unknown-outcome adds present in the final read
 * @param lost acknowledged before the final read began, yet missing from it
 * @param unexpected read but never added
 * @param duplicated read more than once
 * @param failedButPresent read although their add failed
 * @param note why the verdict is UNKNOWN, else null
 */
public record SetResult(Verdict verdict, int okAdds, int infoAdds, int failedAdds, int okRecovered,
    int infoRecovered, List<Long> lost, List<Long> unexpected, List<Long> duplicated, List<Long> failedButPresent,
    String note) {

  public boolean valid() {
    return verdict == Verdict.VALID;
  }
}
