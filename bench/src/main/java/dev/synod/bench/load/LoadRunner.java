package dev.synod.bench.load;

import java.io.PrintStream;
import java.time.Duration;
import java.util.Objects;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;

/**
 * Runs a {@link Workload} against a {@link KvTarget} and measures it: closed loop (each client sends
 * its next operation when the last completes) or open loop (operations sent when due, latency
 * counted from when they were due). Prints a progress line every second. Reusable; one run at a time
 * per call, and the caller keeps ownership of the target.
 */
public final class LoadRunner {
  private static final long TICK_NANOS = TimeUnit.SECONDS.toNanos(1);
  private static final AtomicInteger RUNS = new AtomicInteger();

  private final PrintStream progress;
  private final Duration stuckTimeout;
  private final int schedulerThreads;

  private LoadRunner(Builder b) {
    this.progress = b.progress;
    this.stuckTimeout = b.stuckTimeout;
    this.schedulerThreads = b.schedulerThreads;
  }

  public static Builder builder() {
    return new Builder();
  }

  /**
   * Blocks until every client is done: the duration is over or the operation count is used up, and
   * the operations in flight have completed.
   *
   * @throws IllegalStateException when a client failed unexpectedly (a bug, not a failed operation)
   */
  public LoadResult run(Workload workload, KvTarget target) throws InterruptedException {
    Objects.requireNonNull(workload, "workload");
    Objects.requireNonNull(target, "target");
    KeySpace keys = KeySpace.of(workload);
    int run = RUNS.incrementAndGet();
    ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(schedulerThreads, r -> {
      Thread t = new Thread(r, "load-" + run + "-" + target.name());
      t.setDaemon(true);
      return t;
    });
    try {
      RunPlan plan = new RunPlan(workload, System.nanoTime());
      RunRecorder recorder = new RunRecorder(plan.measureStartNanos, plan.startNanos);
      ProgressLine line = new ProgressLine(progress, target.name(), plan, recorder);
      scheduler.scheduleAtFixedRate(line::tick, TICK_NANOS, TICK_NANOS, TimeUnit.NANOSECONDS);
      CountDownLatch finished = new CountDownLatch(workload.clients());
      for (int i = 0; i < workload.clients(); i++) {
        new ClientLoop(i, plan, workload, keys, target, recorder, scheduler, finished).start();
      }
      awaitClients(finished, recorder);
      scheduler.shutdownNow();
      recorder.close();
      if (recorder.crash() != null) {
        throw new IllegalStateException("a load client failed: " + recorder.crash(), recorder.crash());
      }
      return result(workload, target, plan, recorder);
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Waits for the clients, but not forever for operations the target never completes. */
  private void awaitClients(CountDownLatch finished, RunRecorder recorder) throws InterruptedException {
    while (!finished.await(1, TimeUnit.SECONDS)) {
      boolean stuck = recorder.inFlight.get() > 0
          && System.nanoTime() - recorder.lastCompletionNanos() > stuckTimeout.toNanos();
      if (stuck) {
        return;
      }
    }
  }

  private static LoadResult result(Workload workload, KvTarget target, RunPlan plan, RunRecorder recorder) {
    long last = recorder.lastMeasuredNanos();
    long measuredNanos = last == Long.MIN_VALUE ? 0 : Math.max(0, last - plan.measureStartNanos);
    int seconds = recorder.timelineSeconds();
    return new LoadResult(target.name(), workload, measuredNanos, recorder.putTotal(), recorder.getTotal(),
        recorder.errorsByStatus(), recorder.completionsPerSecond(seconds), recorder.failuresPerSecond(seconds),
        recorder.warmupOps(), Math.max(0, recorder.inFlight.get()));
  }

  /** Defaults: progress to stderr, give up on operations stuck for 30 s, two scheduler threads. */
  public static final class Builder {
    private PrintStream progress = System.err;
    private Duration stuckTimeout = Duration.ofSeconds(30);
    private int schedulerThreads = 2;

    private Builder() {}

    /** Where the progress lines go; null for none. */
    public Builder progress(PrintStream progress) {
      this.progress = progress;
      return this;
    }

    /** How long to wait with operations in flight and none completing before giving up on them. */
    public Builder stuckTimeout(Duration stuckTimeout) {
      if (stuckTimeout == null || stuckTimeout.isNegative() || stuckTimeout.isZero()) {
        throw new IllegalArgumentException("stuckTimeout: " + stuckTimeout + " (expected: > PT0S)");
      }
      this.stuckTimeout = stuckTimeout;
      return this;
    }

    /** Threads that send due open-loop operations and start clients; the target's own threads do the rest. */
    public Builder schedulerThreads(int schedulerThreads) {
      if (schedulerThreads < 1 || schedulerThreads > 64) {
        throw new IllegalArgumentException("schedulerThreads: " + schedulerThreads + " (expected: 1..64)");
      }
      this.schedulerThreads = schedulerThreads;
      return this;
    }

    public LoadRunner build() {
      return new LoadRunner(this);
    }
  }
}
