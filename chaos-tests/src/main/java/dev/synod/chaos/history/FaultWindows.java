package dev.synod.chaos.history;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Pairs nemesis ops into {@link FaultWindow}s: "start-X" with "stop-X", and named pairs such as kill/restart. */
public final class FaultWindows {
  /** Fault ops that are not spelled start-X/stop-X, mapped to the op that heals them. */
  public static final Map<String, String> NAMED_PAIRS =
      Map.of("kill", "restart", "pause", "resume", "skew-clock", "reset-clock", "remove-member", "add-member");

  private FaultWindows() {}

  /** The windows in {@code ops}, with the default pairing. */
  public static List<FaultWindow> of(List<Op> ops) {
    return of(ops, NAMED_PAIRS);
  }

  /**
   * The windows in {@code ops}, in start order. {@code namedPairs} maps an apply op to its heal op, on top of
   * start-X/stop-X. A second apply of a fault already in force extends the open window; an unmatched heal is
   * ignored.
   */
  public static List<FaultWindow> of(List<Op> ops, Map<String, String> namedPairs) {
    Map<String, String> healToApply = new HashMap<>();
    namedPairs.forEach((apply, heal) -> healToApply.put(heal, apply));
    Map<String, Op> open = new LinkedHashMap<>();
    List<FaultWindow> windows = new ArrayList<>();
    for (Op op : ops) {
      if (!op.isNemesis()) {
        continue;
      }
      String f = op.f();
      if (f.startsWith("start-")) {
        open.putIfAbsent(f.substring("start-".length()), op);
      } else if (namedPairs.containsKey(f)) {
        open.putIfAbsent(f, op);
      } else {
        String fault = f.startsWith("stop-") ? f.substring("stop-".length()) : healToApply.get(f);
        Op start = fault == null ? null : open.remove(fault);
        if (start != null) {
          windows.add(new FaultWindow(fault, start, op));
        }
      }
    }
    open.forEach((fault, start) -> windows.add(new FaultWindow(fault, start, null)));
    windows.sort(Comparator.comparingLong(w -> w.startOp().index()));
    return windows;
  }
}
