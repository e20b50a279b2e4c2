package dev.synod.bench.failover;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Map;
import java.util.Optional;
import java.util.TreeMap;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * The bookkeeping of one failover run: every write's outcome, stamped with its completion time from
 * {@code clock} under one lock (so stamps are in order), against the kill's two instants: when the
 * SIGKILL was sent and when the killed process was seen gone.
 *
 * <p>Only writes issued after the process was seen gone count as recovered writes: one issued
 * earlier may have been committed by the old leader before it died, and its late acknowledgement
 * says nothing about the new one. Durations are measured from when the SIGKILL was sent.
 */
final class FailoverTimeline {
  static final long WINDOW_NANOS = TimeUnit.MILLISECONDS.toNanos(100);

  private final LongSupplier clock;
  private final CountDownLatch recovered = new CountDownLatch(1);
  private final Map<String, Long> failuresAfterKill = new TreeMap<>();
  /** Completion stamps of recovered writes within the last window, oldest first. */
  private final ArrayDeque<Long> window = new ArrayDeque<>();
  private long measureFrom = Long.MAX_VALUE;
  private long killSent = Long.MAX_VALUE;
  private long killConfirmed = Long.MAX_VALUE;
  private long preKillAcks;
  private long preKillFailures;
  private double preKillOpsPerSecond;
  private int windowTarget;
  private long firstAck = -1;
  private long halfThroughput = -1;

  FailoverTimeline(LongSupplier clock) {
    this.clock = clock;
  }

  /** Starts the window over which throughput before the kill is measured. */
  synchronized void startMeasuring() {
    measureFrom = clock.getAsLong();
  }

  synchronized long acksSinceMeasuring() {
    return preKillAcks;
  }

  /** Right before the SIGKILL: ends the measured window and sets the throughput that counts as recovered. */
  synchronized void killSent() {
    if (measureFrom == Long.MAX_VALUE) {
      throw new IllegalStateException("killSent before startMeasuring");
    }
    killSent = clock.getAsLong();
    preKillOpsPerSecond = preKillAcks * 1e9 / Math.max(1, killSent - measureFrom);
    // Half the mean throughput, as writes in one window; at least one write.
    windowTarget = (int) Math.max(1, Math.ceil(preKillOpsPerSecond / 2 * WINDOW_NANOS / 1e9));
  }

  /** Once the killed process is gone: writes issued from now on can only be acknowledged by a new leader. */
  synchronized void killConfirmed() {
    killConfirmed = clock.getAsLong();
  }

  synchronized void acked(long issuedNanos) {
    long now = clock.getAsLong();
    if (now < killSent) {
      if (now >= measureFrom) {
        preKillAcks++;
      }
      return;
    }
    if (issuedNanos < killConfirmed) {
      return;
    }
    if (firstAck < 0) {
      firstAck = now;
    }
    window.addLast(now);
    while (window.peekFirst() < now - WINDOW_NANOS) {
      window.removeFirst();
    }
    if (halfThroughput < 0 && window.size() >= windowTarget) {
      halfThroughput = now;
      recovered.countDown();
    }
  }

  synchronized void failed(String status) {
    if (clock.getAsLong() < killSent) {
      preKillFailures++;
    } else {
      failuresAfterKill.merge(status, 1L, Long::sum);
    }
  }

  /** Writes that never completed, not even with their deadline's failure, by the end of the run. */
  synchronized void unanswered(long writes) {
    if (writes > 0) {
      failuresAfterKill.merge("NO_ANSWER", writes, Long::sum);
    }
  }

  /** Waits until a window reaches half the pre-kill throughput; false when {@code timeout} passes first. */
  boolean awaitHalfThroughput(Duration timeout) throws InterruptedException {
    return recovered.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
  }

  synchronized long killSentNanos() {
    return killSent;
  }

  /** From the SIGKILL to the first acknowledgement of a write issued after the process was gone. */
  synchronized Optional<Duration> killToFirstAck() {
    return firstAck < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(firstAck - killSent));
  }

  /** From the SIGKILL to the end of the first 100 ms window holding half the pre-kill throughput. */
  synchronized Optional<Duration> recoveryToHalfThroughput() {
    return halfThroughput < 0 ? Optional.empty() : Optional.of(Duration.ofNanos(halfThroughput - killSent));
  }

  synchronized double preKillOpsPerSecond() {
    return preKillOpsPerSecond;
  }

  /** Writes that failed before the SIGKILL, warm-up included: should be none. */
  synchronized long preKillFailures() {
    return preKillFailures;
  }

  /** Writes that failed from the SIGKILL on, by status, in name order. */
  synchronized Map<String, Long> failuresAfterKill() {
    return new TreeMap<>(failuresAfterKill);
  }
}
