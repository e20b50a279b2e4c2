package dev.synod.chaos.run;

import dev.synod.chaos.history.History;
import dev.synod.chaos.history.Op;
import dev.synod.chaos.workload.Outcome;
import dev.synod.chaos.workload.PlannedOp;
import dev.synod.chaos.workload.WorkerMemory;
import dev.synod.chaos.workload.Workload;
import dev.synod.client.SynodClient;
import java.util.Random;
import java.util.concurrent.TimeUnit;
import java.util.function.BooleanSupplier;

/**
 * One client process with its own connection, running its seeded op stream at a steady pace. After an
 * operation with an unknown outcome the process is considered crashed (that op may still take effect at
 * any later time), so the worker continues under a new process id, as Jepsen does.
 */
final class ClientWorker implements Runnable {
  private final int index;
  private final int concurrency;
  private final Workload workload;
  private final SynodClient client;
  private final History history;
  private final Random random;
  private final long pauseNanos;
  private final BooleanSupplier running;
  private final WorkerMemory memory = new WorkerMemory();
  private int process;

  ClientWorker(int index, int concurrency, Workload workload, SynodClient client, History history, long seed,
      long pauseNanos, BooleanSupplier running) {
    this.index = index;
    this.concurrency = concurrency;
    this.workload = workload;
    this.client = client;
    this.history = history;
    this.random = new Random(seed * 31 + index);
    this.pauseNanos = pauseNanos;
    this.running = running;
    this.process = index;
  }

  @Override
  public void run() {
    long next = System.nanoTime() + (long) (random.nextDouble() * pauseNanos);
    while (running.getAsBoolean()) {
      sleepUntil(next);
      next += pauseNanos;
      if (!running.getAsBoolean()) {
        return;
      }
      invoke(workload.next(random, memory));
    }
  }

  /** Records one operation from invocation to completion; true when it completed OK. */
  boolean invoke(PlannedOp planned) {
    Op invoked = history.invoke(process, planned.f(), planned.key(), planned.value());
    Outcome outcome = workload.execute(client, planned, memory);
    if (outcome instanceof Outcome.Ok ok) {
      history.ok(invoked, ok.value());
      return true;
    } else if (outcome instanceof Outcome.Fail fail) {
      history.fail(invoked, fail.error());
    } else if (outcome instanceof Outcome.Info info) {
      history.info(invoked, info.error());
      process += concurrency;
    }
    return false;
  }

  int index() {
    return index;
  }

  private static void sleepUntil(long deadline) {
    long wait = deadline - System.nanoTime();
    if (wait > 0) {
      try {
        TimeUnit.NANOSECONDS.sleep(wait);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
  }
}
