package dev.synod.chaos.checker;

import dev.synod.chaos.history.FaultWindow;
import dev.synod.chaos.history.FaultWindows;
import dev.synod.chaos.history.History;
import dev.synod.chaos.history.Op;
import dev.synod.chaos.history.OpPair;
import dev.synod.chaos.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Set;

/**
 * How the cluster served clients around each fault: errors while the fault was in force, and how long after the
 * heal the first write was acknowledged. It informs; it has no verdict.
 *
 * @param rows one row per fault window, in start order
 * @param maxRecoveryNanos the largest {@link Row#recoveryNanos()}, or null if no row has one
 */
public record AvailabilityReport(List<Row> rows, Long maxRecoveryNanos) {

  /** The ops that count as writes by default. */
  public static final Set<String> WRITES = Set.of("write", "cas", "add");

  /**
   * One fault window.
   *
   * @param fault the fault's name, e.g. "partition"
   * @param startNanos when it was applied
   * @param healNanos when it was healed, or null if never
   * @param recoveryNanos heal until the first OK write completed, or null if none did (or never healed)
   * @param okWritesDuring writes acknowledged while the fault was in force
   * @param failedDuring ops that FAILed while it was in force
   * @param infoDuring ops that ended INFO while it was in force, or were invoked then and never completed
   */
  public record Row(String fault, long startNanos, Long healNanos, Long recoveryNanos, int okWritesDuring,
      int failedDuring, int infoDuring) {}

  /** The report for {@code history}, with the default writes and fault pairing. */
  public static AvailabilityReport of(History history) {
    return of(history.ops(), history.pairs(), WRITES, FaultWindows.NAMED_PAIRS);
  }

  /** The report for {@code ops} and their {@code pairs}, counting {@code writes} as writes. */
  public static AvailabilityReport of(List<Op> ops, List<OpPair> pairs, Set<String> writes,
      Map<String, String> namedFaultPairs) {
    long end = ops.isEmpty() ? 0 : ops.get(ops.size() - 1).timeNanos();
    List<Row> rows = new ArrayList<>();
    Long max = null;
    for (FaultWindow w : FaultWindows.of(ops, namedFaultPairs)) {
      long from = w.startNanos();
      long to = w.healNanos(end);
      Long recovery = null;
      int okWrites = 0;
      int failed = 0;
      int info = 0;
      for (OpPair p : pairs) {
        long done = p.completion().timeNanos();
        boolean during = done >= from && done <= to;
        boolean write = writes.contains(p.f());
        if (p.type() == OpType.OK && write && during) {
          okWrites++;
        } else if (p.type() == OpType.FAIL && during) {
          failed++;
        } else if (p.type() == OpType.INFO && (p.pending() ? inWindow(p.invoke().timeNanos(), from, to) : during)) {
          info++;
        }
        if (w.healed() && p.type() == OpType.OK && write && done >= to
            && (recovery == null || done - to < recovery)) {
          recovery = done - to;
        }
      }
      rows.add(new Row(w.fault(), from, w.healed() ? to : null, recovery, okWrites, failed, info));
      if (recovery != null && (max == null || recovery > max)) {
        max = recovery;
      }
    }
    return new AvailabilityReport(List.copyOf(rows), max);
  }

  private static boolean inWindow(long t, long from, long to) {
    return t >= from && t <= to;
  }
}
