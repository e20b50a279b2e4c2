package dev.synod.chaos.checker;

import dev.synod.chaos.history.OpPair;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.BitSet;
import java.util.Comparator;
import java.util.Deque;
import java.util.HashSet;
import java.util.Iterator;
import java.util.List;
import java.util.Set;

/**
 * Wing–Gong search with Lowe's memoisation over one key's ops, after Porcupine's {@code checkSingle}.
 *
 * <p>Calls and returns form a doubly linked list in history order. The search walks it: at a call it tries to
 * linearize that op now (lift it and its return out of the list); at a return it has failed to linearize that op
 * in time, so it backtracks. The model is stepped as a set of possible states, so nondeterministic models need
 * no special case. Ops with unknown outcome have no return (it is at +infinity), so they never force a
 * backtrack, and the search succeeds once every op with a known outcome is linearized: unknown ops left over
 * are the ones that never took effect.
 */
final class WglSearch<S, I, O> {
  /** One decoded op; {@code output} null means the outcome is unknown. */
  record Call<I, O>(int id, OpPair source, I input, O output) {
    boolean unknown() {
      return output == null;
    }
  }

  private static final class Node {
    final Call<?, ?> call;
    final boolean isCall;
    Node match;
    Node prev;
    Node next;

    Node(Call<?, ?> call, boolean isCall) {
      this.call = call;
      this.isCall = isCall;
    }
  }

  private record Frame<S>(Node node, Set<S> statesBefore) {}

  private record Memo(BitSet linearized, Set<?> states) {}

  private static final int MAX_CONCURRENT = 20;
  private static final int MAX_PREFIX_TAIL = 10;

  private final Model<S, I, O> model;
  private final String key;
  private final List<Call<I, O>> calls;
  private final long deadlineNanos;
  private final long maxStates;
  private final Node head = new Node(null, false);

  WglSearch(Model<S, I, O> model, String key, List<Call<I, O>> calls, long deadlineNanos, long maxStates) {
    this.model = model;
    this.key = key;
    this.calls = calls;
    this.deadlineNanos = deadlineNanos;
    this.maxStates = maxStates;
    buildList();
  }

  private void buildList() {
    record Event(long position, Node node) {}
    List<Event> events = new ArrayList<>();
    for (Call<I, O> c : calls) {
      Node call = new Node(c, true);
      events.add(new Event(c.source().invoke().index(), call));
      if (!c.unknown()) {
        call.match = new Node(c, false);
        events.add(new Event(c.source().completion().index(), call.match));
      }
    }
    // History index order is real-time order: the recorder appends under one lock.
    events.sort(Comparator.comparingLong(Event::position));
    Node prev = head;
    for (Event e : events) {
      prev.next = e.node();
      e.node().prev = prev;
      prev = e.node();
    }
  }

  @SuppressWarnings("unchecked")
  KeyResult run() {
    int unknownCount = (int) calls.stream().filter(Call::unknown).count();
    int remaining = calls.size() - unknownCount;
    BitSet linearized = new BitSet(calls.size());
    Set<Memo> cache = new HashSet<>();
    Deque<Frame<S>> stack = new ArrayDeque<>();
    Set<S> states = Set.of(model.init());
    Best best = null;
    Node entry = head.next;
    long iterations = 0;
    while (remaining > 0) {
      if ((iterations++ & 63) == 0 && System.nanoTime() - deadlineNanos > 0) {
        return unknown(unknownCount, "time budget exceeded after " + cache.size() + " states");
      }
      if (entry == null) {
        throw new IllegalStateException("key " + key + ": search ran off the end of the history");
      }
      Call<I, O> call = (Call<I, O>) entry.call;
      if (entry.isCall) {
        Set<S> next = step(states, call);
        if (!next.isEmpty()) {
          BitSet withCall = (BitSet) linearized.clone();
          withCall.set(call.id());
          if (cache.add(new Memo(withCall, next))) {
            if (cache.size() > maxStates) {
              return unknown(unknownCount, "search exceeded " + maxStates + " states");
            }
            stack.push(new Frame<>(entry, states));
            states = next;
            linearized.set(call.id());
            remaining -= call.unknown() ? 0 : 1;
            lift(entry);
            entry = head.next;
            continue;
          }
        }
        entry = entry.next;
      } else {
        // Reached the return of an op not yet linearized: the current prefix cannot be extended.
        if (best == null || stack.size() > best.frames.size()) {
          best = new Best(new ArrayList<>(stack), states, call);
        }
        if (stack.isEmpty()) {
          return new KeyResult(key, Verdict.INVALID, calls.size(), unknownCount, explain(best), null);
        }
        Frame<S> top = stack.pop();
        entry = top.node();
        states = top.statesBefore();
        Call<I, O> undone = (Call<I, O>) entry.call;
        linearized.clear(undone.id());
        remaining += undone.unknown() ? 0 : 1;
        unlift(entry);
        entry = entry.next;
      }
    }
    return new KeyResult(key, Verdict.VALID, calls.size(), unknownCount, null, null);
  }

  private Set<S> step(Set<S> states, Call<I, O> call) {
    if (states.size() == 1) {
      return model.step(states.iterator().next(), call.input(), call.output());
    }
    Set<S> out = new HashSet<>();
    for (S s : states) {
      out.addAll(model.step(s, call.input(), call.output()));
    }
    return out;
  }

  /** Removes a call and its return from the list; the nodes keep their links for {@link #unlift}. */
  private static void lift(Node call) {
    call.prev.next = call.next;
    if (call.next != null) { // null only for an unknown-outcome op invoked after every other event
      call.next.prev = call.prev;
    }
    if (call.match != null) {
      call.match.prev.next = call.match.next;
      if (call.match.next != null) {
        call.match.next.prev = call.match.prev;
      }
    }
  }

  private static void unlift(Node call) {
    if (call.match != null) {
      call.match.prev.next = call.match;
      if (call.match.next != null) {
        call.match.next.prev = call.match;
      }
    }
    call.prev.next = call;
    if (call.next != null) {
      call.next.prev = call;
    }
  }

  private KeyResult unknown(int unknownCount, String note) {
    return new KeyResult(key, Verdict.UNKNOWN, calls.size(), unknownCount, null, "key " + key + ": " + note);
  }

  /** The deepest point the search reached before backtracking. */
  private final class Best {
    final List<Frame<S>> frames; // top of stack first
    final Set<S> states;
    final Call<I, O> stuck;

    Best(List<Frame<S>> frames, Set<S> states, Call<I, O> stuck) {
      this.frames = frames;
      this.states = states;
      this.stuck = stuck;
    }
  }

  @SuppressWarnings("unchecked")
  private Explanation explain(Best best) {
    List<Explanation.PrefixStep> tail = new ArrayList<>();
    Set<S> after = best.states;
    Iterator<Frame<S>> it = best.frames.iterator();
    while (it.hasNext() && tail.size() < MAX_PREFIX_TAIL) {
      Frame<S> f = it.next();
      tail.add(0, new Explanation.PrefixStep(summary((Call<I, O>) f.node().call), describe(after)));
      after = f.statesBefore();
    }
    Call<I, O> stuck = best.stuck;
    long from = stuck.source().invoke().index();
    long to = stuck.source().completion().index();
    List<OpSummary> concurrent = calls.stream()
        .filter(c -> c != stuck && c.source().invoke().index() < to
            && (c.unknown() || c.source().completion().index() > from))
        .limit(MAX_CONCURRENT).map(this::summary).toList();
    return Explanation.of(key, best.frames.size(), tail, describe(best.states), summary(stuck), concurrent);
  }

  private OpSummary summary(Call<I, O> c) {
    return OpSummary.of(c.source(), model.describe(c.input(), c.output()));
  }

  private String describe(Set<S> states) {
    return states.size() == 1 ? model.describeState(states.iterator().next())
        : states.stream().map(model::describeState).sorted().toList().toString();
  }
}
