package dev.synod.bench.failover;

import dev.synod.bench.load.KvTarget;
import java.io.PrintStream;
import java.time.Duration;
import java.util.Locale;
import java.util.Objects;
import java.util.OptionalInt;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

/**
 * P4, the same for every system: under a steady write load, SIGKILL the leader after the warm-up,
 * keep the load running until a 100 ms window reaches half the pre-kill throughput (or
 * {@link FailoverPlan#maxRecovery()} passes), then stop and report. The subject's cluster stays up.
 */
public final class FailoverScenario {
  /** Two clients, each with its own connections and its own idea of the leader. */
  static final int CONNECTIONS = 2;
  static final Duration LEADER_TIMEOUT = Duration.ofSeconds(30);
  /** After the last write's deadline: time for its failure to be delivered. */
  private static final Duration STOP_GRACE = Duration.ofSeconds(5);
  /** Asking for the new leader of a run that did not recover: it may never come. */
  private static final Duration UNRECOVERED_LEADER_TIMEOUT = Duration.ofSeconds(5);

  private final FailoverPlan plan;
  private final PrintStream progress;
  private final LongSupplier clock = System::nanoTime;

  /** @param progress where progress lines go; null for none */
  public FailoverScenario(FailoverPlan plan, PrintStream progress) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.progress = progress;
  }

  /**
   * @throws IllegalStateException when the cluster has no leader before the kill, no write succeeds in
   *     the warm-up, or a writer fails unexpectedly (a bug, not a failed write)
   */
  public FailoverResult run(FailoverSubject subject) throws InterruptedException {
    String name = subject.name();
    subject.leader(LEADER_TIMEOUT);
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "failover-" + name + "-writers");
      t.setDaemon(true);
      return t;
    });
    try (KvTarget target = subject.openTarget(CONNECTIONS, plan.requestDeadline())) {
      FailoverTimeline timeline = new FailoverTimeline(clock);
      WriteLoad load = new WriteLoad(target, plan, timeline, clock, scheduler);
      say("%s: %s", name, plan.describe());
      load.start();
      long half = plan.warmup().toNanos() / 2;
      TimeUnit.NANOSECONDS.sleep(half);
      timeline.startMeasuring();
      TimeUnit.NANOSECONDS.sleep(plan.warmup().toNanos() - half);
      // Asked again right before the kill: leadership may have moved during the warm-up.
      int leader = subject.leader(LEADER_TIMEOUT);
      requireHealthyLoad(name, timeline, load);
      long pid = subject.pid(leader);
      timeline.killSent();
      subject.kill(leader);
      timeline.killConfirmed();
      say("%s: SIGKILL to leader %d (pid %d) after %,.0f writes/s", name, leader, pid, timeline.preKillOpsPerSecond());
      long sinceKill = clock.getAsLong() - timeline.killSentNanos();
      timeline.awaitHalfThroughput(plan.maxRecovery().minusNanos(sinceKill));
      long unanswered = load.stop(plan.requestDeadline().plus(STOP_GRACE));
      timeline.unanswered(unanswered);
      if (load.crash() != null) {
        throw new IllegalStateException(name + ": a writer failed unexpectedly: " + load.crash(), load.crash());
      }
      FailoverResult result = new FailoverResult(name, plan, leader, newLeader(subject, timeline),
          timeline.killToFirstAck(), timeline.recoveryToHalfThroughput(), timeline.preKillOpsPerSecond(),
          timeline.preKillFailures(), timeline.failuresAfterKill());
      say("%s", result);
      return result;
    } finally {
      scheduler.shutdownNow();
    }
  }

  /** Killing the leader of a cluster that takes no writes would measure nothing. */
  private void requireHealthyLoad(String name, FailoverTimeline timeline, WriteLoad load) throws InterruptedException {
    if (timeline.acksSinceMeasuring() > 0 && load.crash() == null) {
      return;
    }
    load.stop(plan.requestDeadline().plus(STOP_GRACE));
    throw new IllegalStateException(name + ": no write succeeded in the warm-up's second half (expected: some"
        + " before killing the leader); failed writes: " + timeline.preKillFailures()
        + (load.crash() != null ? "; a writer failed unexpectedly: " + load.crash() : ""), load.crash());
  }

  private OptionalInt newLeader(FailoverSubject subject, FailoverTimeline timeline) throws InterruptedException {
    Duration timeout = timeline.killToFirstAck().isPresent() ? LEADER_TIMEOUT : UNRECOVERED_LEADER_TIMEOUT;
    try {
      return OptionalInt.of(subject.leader(timeout));
    } catch (IllegalStateException e) {
      // The result says "none found"; the reason (each member's answer and log) goes to the progress stream.
      say("%s: no leader after the kill: %s", subject.name(), e.getMessage());
      return OptionalInt.empty();
    }
  }

  private void say(String format, Object... args) {
    if (progress != null) {
      progress.println(String.format(Locale.ROOT, format, args));
    }
  }
}
