package dev.synod.chaos.history;

import com.google.gson.JsonElement;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.function.LongSupplier;

/**
 * A thread-safe, append-only record of what clients and the nemesis did, in the order it happened.
 *
 * <p>Each client process has at most one op in flight, as in Jepsen: that is what lets a completion be paired
 * with its invocation by process alone, also when the history is read back from {@code history.jsonl}. A
 * process whose op ended INFO may invoke again, though Jepsen would retire it.
 */
public final class History {
  private final LongSupplier nanos;
  private final long start;
  private final List<Op> ops = new ArrayList<>();
  private final Map<Integer, Op> inFlight = new HashMap<>();
  private long lastTime;

  /** A history timed by {@link System#nanoTime()}. */
  public History() {
    this(System::nanoTime);
  }

  /** A history timed by {@code nanos}, a monotonic clock; times are relative to its value now. */
  public History(LongSupplier nanos) {
    this.nanos = Objects.requireNonNull(nanos, "nanos");
    this.start = nanos.getAsLong();
  }

  /** A history holding {@code recorded}, which must be a well-formed history (indices 0, 1, 2, ...). */
  public static History of(List<Op> recorded) {
    long end = recorded.isEmpty() ? 0 : recorded.get(recorded.size() - 1).timeNanos();
    long offset = System.nanoTime() - end;
    // Anything appended later is timed after the recorded ops.
    History h = new History(() -> System.nanoTime() - offset);
    synchronized (h) {
      recorded.forEach(h::admit);
    }
    return h;
  }

  /** Reads a history written by {@link #writeJsonl(Path)}. */
  public static History readJsonl(Path file) {
    try {
      return of(OpJson.read(file));
    } catch (IOException e) {
      throw new UncheckedIOException("history: " + file, e);
    }
  }

  /** Records that {@code process} is about to perform {@code f}; call before sending the request. */
  public Op invoke(int process, String f, String key, JsonElement value) {
    if (process < 0) {
      throw new IllegalArgumentException("process: " + process + " (expected: >= 0; use nemesis() for faults)");
    }
    return append(null, OpType.INVOKE, f, key, value, process, null);
  }

  /** Records that {@code invoke} happened and returned {@code value}; call after the response arrived. */
  public Op ok(Op invoke, JsonElement value) {
    return append(invoke, OpType.OK, invoke.f(), invoke.key(), value, invoke.process(), null);
  }

  /** Records that {@code invoke} definitely did not happen. Never use it for a timeout or an exception. */
  public Op fail(Op invoke, String error) {
    return append(invoke, OpType.FAIL, invoke.f(), invoke.key(), invoke.value(), invoke.process(), error);
  }

  /** Records that the outcome of {@code invoke} is unknown (timeout, exception, crash). */
  public Op info(Op invoke, String error) {
    return append(invoke, OpType.INFO, invoke.f(), invoke.key(), invoke.value(), invoke.process(), error);
  }

  /** Records a nemesis event such as "start-partition" or "stop-partition". */
  public Op nemesis(String f, JsonElement value) {
    return append(null, OpType.INFO, f, null, value, Op.NEMESIS, null);
  }

  /** A snapshot of every op so far, in order. */
  public synchronized List<Op> ops() {
    return List.copyOf(ops);
  }

  /** The nemesis ops so far, in order. */
  public synchronized List<Op> nemesisOps() {
    return ops.stream().filter(Op::isNemesis).toList();
  }

  /** The number of ops so far. */
  public synchronized int size() {
    return ops.size();
  }

  /**
   * Client invocations with their completions, in invocation order. An invocation with no completion yet gets
   * a synthetic INFO completion timed at the end of the history.
   */
  public synchronized List<OpPair> pairs() {
    Map<Integer, Op> open = new HashMap<>();
    Map<Long, Op> completionOf = new HashMap<>();
    List<Op> invokes = new ArrayList<>();
    for (Op op : ops) {
      if (op.isNemesis()) {
        continue;
      }
      if (op.type() == OpType.INVOKE) {
        open.put(op.process(), op);
        invokes.add(op);
      } else {
        completionOf.put(open.remove(op.process()).index(), op);
      }
    }
    long end = ops.isEmpty() ? 0 : ops.get(ops.size() - 1).timeNanos();
    List<OpPair> pairs = new ArrayList<>(invokes.size());
    for (Op inv : invokes) {
      Op done = completionOf.get(inv.index());
      if (done == null) {
        done = new Op(-1, OpType.INFO, inv.f(), inv.key(), inv.value(), inv.process(), end,
            "pending: no completion recorded");
      }
      pairs.add(new OpPair(inv, done));
    }
    return pairs;
  }

  /** Writes {@code history.jsonl}-style output: one op per line. */
  public void writeJsonl(Path file) {
    try {
      OpJson.write(file, ops());
    } catch (IOException e) {
      throw new UncheckedIOException("history: " + file, e);
    }
  }

  private synchronized Op append(Op invoke, OpType type, String f, String key, JsonElement value, int process,
      String error) {
    if (invoke != null && inFlight.get(process) != null && inFlight.get(process).index() != invoke.index()) {
      throw new IllegalStateException("op " + invoke.index() + ": not in flight (expected: op "
          + inFlight.get(process).index() + ", the one process " + process + " has in flight)");
    }
    // The clock is read under the lock so that index order and time order agree; the checker relies on it.
    long t = Math.max(lastTime, nanos.getAsLong() - start);
    Op op = new Op(ops.size(), type, f, key, value, process, t, error);
    admit(op);
    return op;
  }

  /** Validates {@code op} against the history so far and appends it. */
  private void admit(Op op) {
    if (op.index() != ops.size()) {
      throw new IllegalArgumentException("index: " + op.index() + " (expected: " + ops.size() + ")");
    }
    if (op.timeNanos() < lastTime) {
      throw new IllegalArgumentException(
          "time of op " + op.index() + ": " + op.timeNanos() + " (expected: >= " + lastTime + ")");
    }
    if (!op.isNemesis()) {
      Op open = inFlight.get(op.process());
      if (op.type() == OpType.INVOKE && open != null) {
        throw new IllegalStateException("process " + op.process() + ": op " + open.index()
            + " is still in flight (expected: one op in flight per process)");
      }
      if (op.type() != OpType.INVOKE) {
        if (open == null) {
          throw new IllegalStateException("process " + op.process() + ": no op in flight to complete with "
              + op.type().jsonName() + " (already completed?)");
        }
        if (!open.f().equals(op.f())) {
          throw new IllegalArgumentException("f of op " + op.index() + ": " + op.f() + " (expected: "
              + open.f() + ", the f of op " + open.index() + ")");
        }
      }
      if (op.type() == OpType.INVOKE) {
        inFlight.put(op.process(), op);
      } else {
        inFlight.remove(op.process());
      }
    }
    ops.add(op);
    lastTime = op.timeNanos();
  }
}
