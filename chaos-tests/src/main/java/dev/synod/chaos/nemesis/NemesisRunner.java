package dev.synod.chaos.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link NemesisSchedule} against a cluster: quiet, apply, hold, heal, and again, until the time is up or
 * {@link #stop()} is called. Every start and stop goes to the {@link NemesisListener}. Whatever happens, the
 * active fault is healed in a {@code finally}, followed by {@link dev.synod.chaos.cluster.DockerCluster#healAll()}
 * (unpause, restart, flush iptables, reset clocks).
 *
 * <p>Use {@link #run(Duration)} on a thread of your own, or {@link #start(Duration)} for a background thread and
 * {@link #stop()} / {@link #close()} to end it early. When it returns every node runs again, but may not serve
 * yet: call {@link dev.synod.chaos.cluster.DockerCluster#awaitHealthy(Duration)} before the final reads.
 */
public final class NemesisRunner implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(NemesisRunner.class);

  private final NemesisContext ctx;
  private final NemesisSchedule schedule;
  private final NemesisListener listener;
  private final CountDownLatch stopRequested = new CountDownLatch(1);
  private final List<String> errors = Collections.synchronizedList(new ArrayList<>());
  private final List<NemesisSchedule.Step> done = Collections.synchronizedList(new ArrayList<>());
  private Thread thread;

  public NemesisRunner(NemesisContext ctx, NemesisSchedule schedule, NemesisListener listener) {
    this.ctx = Objects.requireNonNull(ctx, "ctx");
    this.schedule = Objects.requireNonNull(schedule, "schedule");
    this.listener = Objects.requireNonNull(listener, "listener");
  }

  /**
   * Runs fault windows until {@code total} has passed (a window that would not fit is not started; the active one
   * is cut short) or {@link #stop()} is called; heals everything before returning.
   */
  public void run(Duration total) {
    long end = System.nanoTime() + total.toNanos();
    Nemesis current = null;
    try {
      while (!stopped()) {
        NemesisSchedule.Step step = schedule.next();
        long remaining = end - System.nanoTime();
        if (remaining <= step.quietBefore().toNanos()) {
          pause(Duration.ofNanos(Math.max(0, remaining)));
          break;
        }
        if (pause(step.quietBefore())) {
          break;
        }
        Nemesis n = step.nemesis();
        current = n;
        try {
          n.apply(ctx);
          listener.event("start-" + n.name(), n.description());
          LOG.info("nemesis {} started: {}", n.name(), n.description());
        } catch (RuntimeException e) {
          current = null;
          fail(n, "apply", e);
          if (n.active()) { // partly applied (e.g. one of two kills): undo at once
            healAndReport(n);
          }
          continue;
        }
        long hold = Math.min(step.faultFor().toNanos(), Math.max(0, end - System.nanoTime()));
        pause(Duration.ofNanos(hold));
        healAndReport(n);
        current = null;
        done.add(step);
      }
    } finally {
      if (current != null) {
        healAndReport(current);
      }
      for (Nemesis n : schedule.nemeses()) {
        if (n.active()) {
          healAndReport(n);
        }
      }
      int failures = ctx.cluster().healAll();
      if (failures > 0) {
        errors.add("healAll: " + failures + " steps failed");
      }
    }
  }

  private void healAndReport(Nemesis n) {
    try {
      n.heal(ctx);
      listener.event("stop-" + n.name(), n.description());
      LOG.info("nemesis {} healed", n.name());
    } catch (RuntimeException e) {
      fail(n, "heal", e);
    }
  }

  private void fail(Nemesis n, String what, RuntimeException e) {
    String msg = what + " " + n.name() + ": " + e;
    errors.add(msg);
    LOG.warn("nemesis {} failed", msg);
    try {
      listener.event("fail-" + n.name(), msg);
    } catch (RuntimeException ignored) {
      // a listener must not break healing
    }
  }

  /** Sleeps, or returns true at once when a stop is requested. */
  private boolean pause(Duration d) {
    try {
      return stopRequested.await(d.toNanos(), TimeUnit.NANOSECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      stopRequested.countDown();
      return true;
    }
  }

  private boolean stopped() {
    return stopRequested.getCount() == 0 || Thread.currentThread().isInterrupted();
  }

  /** Runs {@link #run(Duration)} on a daemon thread. */
  public synchronized NemesisRunner start(Duration total) {
    if (thread != null) {
      throw new IllegalStateException("already started");
    }
    thread = new Thread(() -> run(total), "nemesis-runner");
    thread.setDaemon(true);
    thread.start();
    return this;
  }

  /** Asks the runner to stop, and waits (up to 2 min) until it has healed everything. */
  public void stop() {
    stopRequested.countDown();
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      try {
        t.join(TimeUnit.MINUTES.toMillis(2));
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }

  /** Waits for a {@link #start(Duration)}ed run to end by itself. */
  public void await() throws InterruptedException {
    Thread t;
    synchronized (this) {
      t = thread;
    }
    if (t != null) {
      t.join();
    }
  }

  @Override
  public void close() {
    stop();
  }

  /** Failed applies and heals, in order. */
  public List<String> errors() {
    return List.copyOf(errors);
  }

  /** Fault windows completed (applied and healed). */
  public List<NemesisSchedule.Step> completedSteps() {
    return List.copyOf(done);
  }

  public long seed() {
    return schedule.seed();
  }
}
