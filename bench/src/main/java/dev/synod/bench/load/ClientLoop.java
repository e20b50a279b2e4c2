package dev.synod.bench.load;

import java.util.SplittableRandom;
import java.util.concurrent.CancellationException;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;

/**
 * One client of a run: a chain of operations, never more than one in flight. Each operation starts
 * from the completion of the one before (or from the scheduler, when an open-loop operation is not
 * yet due), so the chain's state needs no locks. Operations that complete at once are handled in a
 * loop rather than by recursion, so a synchronous target cannot overflow the stack.
 */
final class ClientLoop {
  private final int index;
  private final RunPlan plan;
  private final Workload workload;
  private final KeySpace keys;
  private final KvTarget target;
  private final RunRecorder recorder;
  private final ScheduledExecutorService scheduler;
  private final CountDownLatch finished;
  private final SplittableRandom random;
  private long sent;
  private boolean done;

  ClientLoop(int index, RunPlan plan, Workload workload, KeySpace keys, KvTarget target, RunRecorder recorder,
      ScheduledExecutorService scheduler, CountDownLatch finished) {
    this.index = index;
    this.plan = plan;
    this.workload = workload;
    this.keys = keys;
    this.target = target;
    this.recorder = recorder;
    this.scheduler = scheduler;
    this.finished = finished;
    // Per client, so each client's sequence is the same whatever the other clients do.
    this.random = new SplittableRandom(workload.seed() * 1_000_003L + index);
  }

  void start() {
    execute(this::run, 0);
  }

  /** Sends operations until one is still in flight, one is not yet due, or the run is over for this client. */
  private void run() {
    try {
      sendUntilBlocked();
    } catch (RuntimeException | Error e) {
      // A bug in the runner or the target: end this client rather than leave the run waiting for it.
      recorder.crashed(e);
      finish();
    }
  }

  private void sendUntilBlocked() {
    while (!done) {
      long now = System.nanoTime();
      long due = plan.openLoop ? plan.dueNanos(index, sent) : now;
      if (plan.over(Math.max(now, due))) {
        finish();
        return;
      }
      if (due > now) {
        execute(this::run, due - now);
        return;
      }
      boolean measured = plan.measured(due);
      if (measured && !plan.claimMeasured()) {
        finish();
        return;
      }
      sent++;
      Operation op = random.nextDouble() < workload.readFraction() ? Operation.GET : Operation.PUT;
      CompletableFuture<?> result = send(op, keys.key(random.nextInt(keys.keyCount())));
      if (!result.isDone()) {
        result.whenComplete((ignored, failure) -> {
          completed(op, due, measured, failure);
          run();
        });
        return;
      }
      completed(op, due, measured, failureOf(result));
    }
  }

  private CompletableFuture<?> send(Operation op, byte[] key) {
    recorder.inFlight.incrementAndGet();
    try {
      CompletableFuture<?> f = op == Operation.GET
          ? target.get(key, workload.readConsistency())
          : target.put(key, keys.value());
      return f != null ? f : CompletableFuture.failedFuture(new NullPointerException("target returned no future"));
    } catch (RuntimeException e) {
      // A target that throws instead of failing its future still counts as one failed operation.
      return CompletableFuture.failedFuture(e);
    }
  }

  private void completed(Operation op, long due, boolean measured, Throwable failure) {
    long now = System.nanoTime();
    if (failure == null) {
      recorder.succeeded(op, due, now, measured);
    } else {
      recorder.failed(statusOf(failure), now, measured);
    }
  }

  private String statusOf(Throwable failure) {
    try {
      return target.errorStatus(failure);
    } catch (RuntimeException e) {
      return ErrorStatus.of(failure);
    }
  }

  private void execute(Runnable task, long delayNanos) {
    try {
      scheduler.schedule(task, delayNanos, TimeUnit.NANOSECONDS);
    } catch (RejectedExecutionException e) {
      // The runner gave up on this run and shut its scheduler down.
      finish();
    }
  }

  private void finish() {
    if (!done) {
      done = true;
      finished.countDown();
    }
  }

  private static Throwable failureOf(CompletableFuture<?> doneFuture) {
    try {
      doneFuture.getNow(null);
      return null;
    } catch (CompletionException e) {
      return e.getCause() != null ? e.getCause() : e;
    } catch (CancellationException e) {
      return e;
    }
  }
}
