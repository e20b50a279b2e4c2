package dev.synod.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.CompletableFuture;

/**
 * Futures that complete once the state machine has applied a given log index. Linearizable reads wait here for
 * their read index. Completion runs on the applying thread, outside the lock.
 */
final class AppliedIndexWaiters {
  private final TreeMap<Long, CompletableFuture<Void>> waiting = new TreeMap<>(); // guarded by this
  // A copy of the applied index under the same lock as the waiters, so a waiter cannot register just after
  // the advance that should have woken it.
  private long applied = -1; // guarded by this

  /**
   * @return a future of the caller's own (completing or timing it out touches no other caller), done once the
   *     applied index is at least {@code index}
   */
  CompletableFuture<Void> atLeast(long index) {
    synchronized (this) {
      if (index > applied) {
        return waiting.computeIfAbsent(index, i -> new CompletableFuture<>()).copy();
      }
    }
    return CompletableFuture.completedFuture(null);
  }

  /** Called after every apply and snapshot load; indexes only grow. */
  void advance(long index) {
    List<CompletableFuture<Void>> done;
    synchronized (this) {
      applied = Math.max(applied, index);
      // On the apply path of every entry: nothing to collect, nothing allocated, when no read waits this low.
      if (waiting.isEmpty() || waiting.firstKey() > applied) {
        return;
      }
      Map<Long, CompletableFuture<Void>> reached = waiting.headMap(applied, true);
      done = new ArrayList<>(reached.values());
      reached.clear();
    }
    done.forEach(f -> f.complete(null));
  }
}
