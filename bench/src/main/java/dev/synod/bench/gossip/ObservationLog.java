package dev.synod.bench.gossip;

import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.function.Predicate;

/** Everything the members of one ring printed that the parser recognised, in arrival order; thread-safe. */
public final class ObservationLog {
  /** Conditions are checked on every new line, and this often besides, so one that also watches processes notices an exit. */
  private static final long RECHECK_NANOS = TimeUnit.MILLISECONDS.toNanos(250);

  private final List<Observation> observations = new ArrayList<>();

  public synchronized void add(Observation observation) {
    observations.add(observation);
    notifyAll();
  }

  public synchronized List<Observation> snapshot() {
    return List.copyOf(observations);
  }

  /**
   * Waits until {@code done} holds for the observations so far, or until {@code deadlineNanos} (a {@link
   * System#nanoTime()} value). An exception from {@code done} ends the wait and propagates.
   *
   * @return whether {@code done} held
   */
  public synchronized boolean awaitUntil(Predicate<List<Observation>> done, long deadlineNanos)
      throws InterruptedException {
    List<Observation> view = Collections.unmodifiableList(observations);
    while (!done.test(view)) {
      long left = deadlineNanos - System.nanoTime();
      if (left <= 0) {
        return false;
      }
      TimeUnit.NANOSECONDS.timedWait(this, Math.min(left, RECHECK_NANOS));
    }
    return true;
  }
}
