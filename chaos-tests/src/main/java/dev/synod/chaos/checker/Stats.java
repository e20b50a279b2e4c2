package dev.synod.chaos.checker;

import dev.synod.chaos.history.History;
import dev.synod.chaos.history.OpPair;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

/**
 * Outcome counts per op type {@code f}. As Jepsen's stats checker, it is INVALID when some op type never
 * succeeded: such a run exercised nothing for that op, so its other verdicts mean little.
 *
 * @param verdict VALID iff every op type has at least one OK
 * @param byF counts per f, in f order
 */
public record Stats(Verdict verdict, Map<String, Counts> byF) {

  /** The outcomes of one op type; pending ops count as info. */
  public record Counts(int ok, int fail, int info) {
    public int total() {
      return ok + fail + info;
    }
  }

  /** Counts the client ops of {@code history}. */
  public static Stats of(History history) {
    return of(history.pairs());
  }

  /** Counts {@code pairs}. */
  public static Stats of(List<OpPair> pairs) {
    Map<String, Counts> byF = new TreeMap<>();
    for (OpPair p : pairs) {
      Counts c = byF.getOrDefault(p.f(), new Counts(0, 0, 0));
      byF.put(p.f(), switch (p.type()) {
        case OK -> new Counts(c.ok() + 1, c.fail(), c.info());
        case FAIL -> new Counts(c.ok(), c.fail() + 1, c.info());
        default -> new Counts(c.ok(), c.fail(), c.info() + 1);
      });
    }
    boolean everyFSucceeded = byF.values().stream().allMatch(c -> c.ok() > 0);
    return new Stats(everyFSucceeded ? Verdict.VALID : Verdict.INVALID, byF);
  }

  public boolean valid() {
    return verdict == Verdict.VALID;
  }
}
