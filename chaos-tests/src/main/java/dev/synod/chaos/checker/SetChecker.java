package dev.synod.chaos.checker;

import dev.synod.chaos.history.History;
import dev.synod.chaos.history.OpPair;
import dev.synod.chaos.history.OpType;
import dev.synod.chaos.history.OpValue;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

/**
 * Checks the set workload: "add" ops of unique elements, then a final "read-all" returning every element.
 *
 * <p>The final read is the last OK read-all. An acknowledged add counts as lost only if it completed before that
 * read was invoked; an add concurrent with the read may legitimately be missing.
 */
public final class SetChecker {
  private SetChecker() {}

  /** Checks the client ops of {@code history}. */
  public static SetResult check(History history) {
    return check(history.pairs());
  }

  /** Checks {@code pairs}, the client ops of one history. */
  public static SetResult check(List<OpPair> pairs) {
    Map<Long, OpPair> adds = new HashMap<>();
    OpPair finalRead = null;
    for (OpPair p : pairs) {
      if (p.f().equals("add")) {
        Long element = OpValue.asLong(p.invoke().value());
        if (element == null) {
          throw new IllegalArgumentException("value of add op " + p.invoke().index() + ": null (expected: a number)");
        }
        if (adds.put(element, p) != null) {
          throw new IllegalArgumentException("add of " + element + " at op " + p.invoke().index()
              + ": added twice (expected: unique elements)");
        }
      } else if (p.f().equals("read-all") && p.type() == OpType.OK
          && (finalRead == null || p.completion().index() > finalRead.completion().index())) {
        finalRead = p;
      }
    }
    int ok = count(adds, OpType.OK);
    int info = count(adds, OpType.INFO);
    int failed = count(adds, OpType.FAIL);
    if (finalRead == null) {
      return new SetResult(Verdict.UNKNOWN, ok, info, failed, 0, 0, List.of(), List.of(), List.of(), List.of(),
          "the set was never read successfully");
    }
    Set<Long> seen = new HashSet<>();
    Set<Long> duplicated = new TreeSet<>();
    Set<Long> unexpected = new TreeSet<>();
    Set<Long> failedButPresent = new TreeSet<>();
    int okRecovered = 0;
    int infoRecovered = 0;
    for (Long element : OpValue.asLongs(finalRead.completion().value())) {
      if (!seen.add(element)) {
        duplicated.add(element);
        continue;
      }
      OpPair add = adds.get(element);
      if (add == null) {
        unexpected.add(element);
      } else if (add.type() == OpType.FAIL) {
        failedButPresent.add(element);
      } else if (add.type() == OpType.OK) {
        okRecovered++;
      } else {
        infoRecovered++;
      }
    }
    long readStart = finalRead.invoke().index();
    Set<Long> lost = new TreeSet<>();
    adds.forEach((element, add) -> {
      if (add.type() == OpType.OK && add.completion().index() < readStart && !seen.contains(element)) {
        lost.add(element);
      }
    });
    boolean valid = lost.isEmpty() && unexpected.isEmpty() && duplicated.isEmpty() && failedButPresent.isEmpty();
    return new SetResult(valid ? Verdict.VALID : Verdict.INVALID, ok, info, failed, okRecovered, infoRecovered,
        new ArrayList<>(lost), new ArrayList<>(unexpected), new ArrayList<>(duplicated),
        new ArrayList<>(failedButPresent), null);
  }

  private static int count(Map<Long, OpPair> adds, OpType type) {
    return (int) adds.values().stream().filter(p -> p.type() == type).count();
  }
}
