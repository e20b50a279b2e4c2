package dev.synod.chaos.checker;

import dev.synod.chaos.history.History;
import dev.synod.chaos.history.Op;
import dev.synod.chaos.history.OpValue;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Random;

/**
 * Generates register histories from a real execution: each op takes effect on a real register at one instant
 * inside its interval (or, for unknown outcomes, at any later instant or never), so every history it builds
 * is linearizable by construction.
 */
final class RegisterHistories {
  /** One generated op; {@code result} is what the client saw. */
  static final class GenOp {
    int process;
    String f;
    String key;
    long a;
    long b;
    long invoke;
    long effect; // when it takes effect; -1 if never
    long complete;
    String outcome = "ok"; // ok, fail, info or pending
    Object result; // read: Long or null; cas: Boolean

    boolean isRead() {
      return f.equals("read");
    }
  }

  private RegisterHistories() {}

  static List<GenOp> generate(Random rnd, int processes, int opCount, int keys) {
    List<GenOp> ops = new ArrayList<>();
    long[] clock = new long[processes];
    long nextValue = 1;
    for (int i = 0; i < opCount; i++) {
      int p = rnd.nextInt(processes);
      GenOp op = new GenOp();
      op.process = p;
      op.key = "k" + rnd.nextInt(keys);
      int kind = rnd.nextInt(3);
      op.f = kind == 0 ? "read" : kind == 1 ? "write" : "cas";
      op.a = op.f.equals("cas") ? rnd.nextInt((int) nextValue) : nextValue++; // a CAS may be re-aimed in apply
      op.b = nextValue++;
      op.invoke = clock[p] + 1 + rnd.nextInt(20);
      op.effect = op.invoke + 1 + rnd.nextInt(40);
      op.complete = op.effect + 1 + rnd.nextInt(40);
      clock[p] = op.complete;
      int fate = rnd.nextInt(20);
      if (fate == 0) {
        op.outcome = "fail";
        op.effect = -1;
      } else if (fate == 1) {
        op.outcome = "info";
        // An unknown op may never happen, or happen long after the client gave up.
        op.effect = rnd.nextBoolean() ? -1 : op.effect + rnd.nextInt(200);
      }
      ops.add(op);
    }
    // A client that crashed mid-op never records a completion; only its last op can be left so.
    Map<Integer, GenOp> last = new HashMap<>();
    ops.forEach(o -> last.put(o.process, o));
    last.values().stream().filter(o -> o.outcome.equals("info") && rnd.nextBoolean())
        .forEach(o -> o.outcome = "pending");
    apply(ops, rnd);
    return ops;
  }

  /** Runs the ops on a real register in effect order, recording what each saw. */
  private static void apply(List<GenOp> ops, Random rnd) {
    Map<String, Long> register = new HashMap<>();
    List<GenOp> byEffect = new ArrayList<>(ops.stream().filter(o -> o.effect >= 0).toList());
    byEffect.sort(Comparator.comparingLong(o -> o.effect));
    for (GenOp op : byEffect) {
      Long current = register.get(op.key);
      switch (op.f) {
        case "read" -> op.result = current;
        case "write" -> register.put(op.key, op.a);
        default -> {
          if (current != null && rnd.nextBoolean()) {
            op.a = current; // half the CASes expect the value they will meet, so that many succeed
          }
          boolean swap = Objects.equals(current, op.a);
          op.result = swap;
          if (swap) {
            register.put(op.key, op.b);
          }
        }
      }
    }
  }

  /** Records the ops as a history, each invocation and completion at its own time. */
  static History record(List<GenOp> ops) {
    record Event(long time, int order, GenOp op, boolean invoke) {}
    List<Event> events = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      events.add(new Event(ops.get(i).invoke, 2 * i, ops.get(i), true));
      if (!ops.get(i).outcome.equals("pending")) {
        events.add(new Event(ops.get(i).complete, 2 * i + 1, ops.get(i), false));
      }
    }
    events.sort(Comparator.comparingLong(Event::time).thenComparingInt(Event::order));
    long[] now = new long[1];
    History h = new History(() -> now[0]);
    Map<GenOp, Op> invoked = new HashMap<>();
    for (Event e : events) {
      now[0] = e.time() * 1_000;
      GenOp op = e.op();
      if (e.invoke()) {
        var value = op.isRead() ? OpValue.none() : op.f.equals("write") ? OpValue.of(op.a) : OpValue.cas(op.a, op.b);
        invoked.put(op, h.invoke(op.process, op.f, op.key, value));
        continue;
      }
      Op inv = invoked.get(op);
      switch (op.outcome) {
        case "fail" -> h.fail(inv, "refused");
        case "info" -> h.info(inv, "timeout");
        default -> h.ok(inv, op.isRead() ? OpValue.of((Long) op.result)
            : op.f.equals("cas") ? OpValue.of((Boolean) op.result) : inv.value());
      }
    }
    return h;
  }
}
