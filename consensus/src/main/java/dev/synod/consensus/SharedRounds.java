package dev.synod.consensus;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.function.Supplier;

/**
 * Lets many callers share one round of some check: {@link #next()} completes with the outcome of a round that
 * started after the call. One round runs at a time; it covers every caller registered before it started, and when
 * it ends the next round starts for whoever registered meanwhile.
 */
final class SharedRounds<T> {
  private final Supplier<CompletableFuture<T>> round;
  private List<CompletableFuture<T>> waiting = new ArrayList<>(); // guarded by this
  private boolean running; // guarded by this

  SharedRounds(Supplier<CompletableFuture<T>> round) {
    this.round = round;
  }

  CompletableFuture<T> next() {
    CompletableFuture<T> outcome = new CompletableFuture<>();
    boolean start;
    synchronized (this) {
      waiting.add(outcome);
      start = !running;
      running = true;
    }
    if (start) {
      startRound();
    }
    return outcome;
  }

  private void startRound() {
    List<CompletableFuture<T>> covered;
    synchronized (this) {
      covered = waiting;
      waiting = new ArrayList<>();
    }
    CompletableFuture<T> result;
    try {
      result = round.get();
    } catch (RuntimeException e) {
      result = CompletableFuture.failedFuture(e);
    }
    result.whenComplete((value, error) -> {
      for (CompletableFuture<T> f : covered) {
        if (error != null) {
          f.completeExceptionally(error);
        } else {
          f.complete(value);
        }
      }
      boolean again;
      synchronized (this) {
        again = !waiting.isEmpty();
        running = again;
      }
      if (again) {
        startRound();
      }
    });
  }
}
