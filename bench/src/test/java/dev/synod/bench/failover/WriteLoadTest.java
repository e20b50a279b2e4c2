package dev.synod.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synod.bench.load.Consistency;
import dev.synod.bench.load.KvTarget;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** The driver over targets that complete when the test says, at once, or never. */
class WriteLoadTest {
  private static final Duration WAIT = Duration.ofSeconds(10);

  private final ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
  private final FailoverTimeline timeline = new FailoverTimeline(System::nanoTime);

  @AfterEach
  void stopScheduler() {
    scheduler.shutdownNow();
  }

  @Test
  void eachWriterKeepsOnePutInFlightAndSendsTheNextOnCompletion() throws InterruptedException {
    ControllableKvTarget target = new ControllableKvTarget();
    WriteLoad load = load(target, 3);

    load.start();
    await().atMost(WAIT).until(() -> target.puts.size() == 3);
    target.put(1).result().complete("ok");

    assertThat(target.puts).as("the next put is sent from the completing thread").hasSize(4);
    assertThat(target.inFlight()).isEqualTo(3);
    assertThat(load.stop(Duration.ofMillis(50))).as("writers still waiting for a put").isEqualTo(3);
    assertThat(load.crash()).isNull();
  }

  @Test
  void aWriterWaitsTheFailurePauseAfterAFailedPut() throws InterruptedException {
    ControllableKvTarget target = new ControllableKvTarget();
    WriteLoad load = load(target, 1);
    timeline.startMeasuring();

    load.start();
    await().atMost(WAIT).until(() -> target.puts.size() == 1);
    long failedAt = System.nanoTime();
    target.put(0).result().completeExceptionally(Status.UNAVAILABLE.asRuntimeException());
    await().atMost(WAIT).until(() -> target.puts.size() == 2);

    assertThat(target.put(1).sentNanos() - failedAt).isGreaterThanOrEqualTo(WriteLoad.FAILURE_PAUSE.toNanos());
    assertThat(timeline.preKillFailures()).isEqualTo(1);
    target.put(1).result().complete("ok");

    assertThat(target.puts).as("after a success the next put goes at once, from the completing thread").hasSize(3);
    assertThat(timeline.acksSinceMeasuring()).isEqualTo(1);
  }

  @Test
  void stopSendsNoMorePutsAndWaitsForThoseInFlight() throws InterruptedException {
    ControllableKvTarget target = new ControllableKvTarget();
    WriteLoad load = load(target, 2);
    load.start();
    await().atMost(WAIT).until(() -> target.puts.size() == 2);

    CompletableFuture<Long> stopped = CompletableFuture.supplyAsync(() -> stop(load, WAIT));
    await().atMost(WAIT).until(load::stopping);
    target.put(0).result().complete("ok");
    target.put(1).result().completeExceptionally(Status.DEADLINE_EXCEEDED.asRuntimeException());

    assertThat(stopped.join()).isZero();
    assertThat(target.puts).hasSize(2);
  }

  @Test
  void aTargetThatCompletesAtOnceNeitherOverflowsTheStackNorKeepsTheStartingThread() throws InterruptedException {
    AtomicLong puts = new AtomicLong();
    WriteLoad load = load(new ImmediateTarget(puts), 2);

    load.start();
    await().atMost(WAIT).until(() -> puts.get() > 100_000);

    assertThat(load.stop(WAIT)).isZero();
    assertThat(load.crash()).isNull();
  }

  @Test
  void aTargetThatThrowsAnErrorEndsItsWriterAsACrash() throws InterruptedException {
    AssertionError bug = new AssertionError("bug in the target");
    WriteLoad load = load(new ImmediateTarget(new AtomicLong()) {
      @Override
      public CompletableFuture<?> put(byte[] key, byte[] value) {
        throw bug;
      }
    }, 2);

    load.start();
    await().atMost(WAIT).until(() -> load.crash() != null);

    assertThat(load.crash()).isSameAs(bug);
    assertThat(load.stop(WAIT)).as("crashed writers are done").isZero();
  }

  private WriteLoad load(KvTarget target, int writers) {
    FailoverPlan plan = new FailoverPlan(writers, 8, 10, Duration.ofSeconds(1), Duration.ofSeconds(10),
        Duration.ofSeconds(1));
    return new WriteLoad(target, plan, timeline, System::nanoTime, scheduler);
  }

  private static long stop(WriteLoad load, Duration timeout) {
    try {
      return load.stop(timeout);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("interrupted while stopping", e);
    }
  }

  /** Every put succeeds before it returns. */
  private static class ImmediateTarget implements KvTarget {
    private final AtomicLong puts;

    ImmediateTarget(AtomicLong puts) {
      this.puts = puts;
    }

    @Override
    public String name() {
      return "immediate";
    }

    @Override
    public CompletableFuture<?> put(byte[] key, byte[] value) {
      puts.incrementAndGet();
      return CompletableFuture.completedFuture("ok");
    }

    @Override
    public CompletableFuture<?> get(byte[] key, Consistency consistency) {
      throw new UnsupportedOperationException("a failover run only writes");
    }

    @Override
    public void close() {
      // Nothing to release.
    }
  }
}
