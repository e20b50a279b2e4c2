package dev.synod.bench.failover;

import dev.synod.bench.load.KeySpace;
import dev.synod.bench.load.KvTarget;
import java.time.Duration;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.LongSupplier;

/**
 * The steady write load of a failover run: {@link FailoverPlan#writers()} closed-loop writers, each
 * outcome recorded in a {@link FailoverTimeline}. The caller keeps ownership of the target and of
 * the scheduler the writers start and pause on.
 */
final class WriteLoad {
  /**
   * How long a writer waits after a failed write. A failure against a dead member comes back in
   * microseconds; writers retrying at once would spin and take the CPU the surviving members need
   * to elect a leader. 10 ms adds at most that much to the first acknowledgement.
   */
  static final Duration FAILURE_PAUSE = Duration.ofMillis(10);
  private static final int KEY_BYTES = 16;
  private static final long SEED = 1;

  private final KvTarget target;
  private final FailoverPlan plan;
  private final FailoverTimeline timeline;
  private final LongSupplier clock;
  private final ScheduledExecutorService scheduler;
  private final AtomicBoolean stopping = new AtomicBoolean();
  private final AtomicReference<Throwable> crash = new AtomicReference<>();
  private final CountDownLatch writersDone;

  WriteLoad(KvTarget target, FailoverPlan plan, FailoverTimeline timeline, LongSupplier clock,
      ScheduledExecutorService scheduler) {
    this.target = target;
    this.plan = plan;
    this.timeline = timeline;
    this.clock = clock;
    this.scheduler = scheduler;
    this.writersDone = new CountDownLatch(plan.writers());
  }

  /**
   * Starts every writer on the scheduler, which also runs their pauses; each continues from its
   * completions. (Not on the caller's thread: a target that completes at once would keep it forever.)
   */
  void start() {
    KeySpace keys = new KeySpace(plan.keyCount(), KEY_BYTES, plan.valueBytes(), SEED);
    for (int w = 0; w < plan.writers(); w++) {
      // Per writer, so each writer's key sequence is the same whichever system it drives.
      scheduler.execute(new FailoverWriter(this, target, keys, SEED * 1_000_003L + w)::run);
    }
  }

  /**
   * Sends no more puts and waits up to {@code timeout} for those in flight.
   *
   * @return how many writers still had a put in flight when the wait ended
   */
  long stop(Duration timeout) throws InterruptedException {
    stopping.set(true);
    writersDone.await(timeout.toNanos(), TimeUnit.NANOSECONDS);
    return writersDone.getCount();
  }

  /** The first unexpected exception of a writer (a bug, not a failed write), or null. */
  Throwable crash() {
    return crash.get();
  }

  boolean stopping() {
    return stopping.get();
  }

  long now() {
    return clock.getAsLong();
  }

  FailoverTimeline timeline() {
    return timeline;
  }

  ScheduledExecutorService scheduler() {
    return scheduler;
  }

  void crashed(Throwable e) {
    crash.compareAndSet(null, e);
  }

  void writerDone() {
    writersDone.countDown();
  }
}
