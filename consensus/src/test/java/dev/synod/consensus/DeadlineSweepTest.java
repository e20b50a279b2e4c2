package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class DeadlineSweepTest {
  private final ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
  private final AtomicLong now = new AtomicLong(1_000_000_000L);

  @AfterEach
  void stop() {
    timer.shutdownNow();
  }

  @Test
  void aTickFailsWhatIsDueAndKeepsWhatIsNot() {
    DeadlineSweep sweep = new DeadlineSweep(timer, Duration.ofSeconds(5), now::get);
    CompletableFuture<String> early = sweep.watch(new CompletableFuture<>());
    now.addAndGet(TimeUnit.SECONDS.toNanos(2));
    CompletableFuture<String> late = sweep.watch(new CompletableFuture<>());

    now.addAndGet(TimeUnit.SECONDS.toNanos(3) - 1);
    sweep.tick();
    assertThat(early).isNotDone();

    now.incrementAndGet();
    sweep.tick();
    assertThat(early).isCompletedExceptionally();
    assertThat(early.handle((v, e) -> e)).isCompletedWithValueMatching(e -> e instanceof TimeoutException
        && e.getMessage().equals("no reply within 5000 ms"));
    assertThat(late).isNotDone();
  }

  @Test
  void aFutureThatCompletedInTimeKeepsItsResult() {
    DeadlineSweep sweep = new DeadlineSweep(timer, Duration.ofSeconds(5), now::get);
    CompletableFuture<String> answered = sweep.watch(new CompletableFuture<>());
    answered.complete("reply");
    now.addAndGet(TimeUnit.SECONDS.toNanos(10));
    sweep.tick();
    assertThat(answered).isCompletedWithValue("reply");
  }

  @Test
  void anAnsweredHeadDoesNotHideAnOverdueFutureBehindIt() {
    DeadlineSweep sweep = new DeadlineSweep(timer, Duration.ofSeconds(5), now::get);
    CompletableFuture<String> first = sweep.watch(new CompletableFuture<>());
    CompletableFuture<String> second = sweep.watch(new CompletableFuture<>());
    first.complete("reply");
    now.addAndGet(TimeUnit.SECONDS.toNanos(6));
    sweep.tick();
    assertThat(second).isCompletedExceptionally();
  }

  @Test
  void theTimerFailsAnUnansweredFutureAndStopsTickingWhenNothingIsWatched() {
    DeadlineSweep sweep = new DeadlineSweep(timer, Duration.ofMillis(200), System::nanoTime);
    CompletableFuture<String> unanswered = sweep.watch(new CompletableFuture<>());
    assertThat(sweep.ticking()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(unanswered::isDone);
    assertThat(unanswered).isCompletedExceptionally();
    await().atMost(Duration.ofSeconds(10)).until(() -> !sweep.ticking());

    CompletableFuture<String> next = sweep.watch(new CompletableFuture<>());
    assertThat(sweep.ticking()).isTrue();
    await().atMost(Duration.ofSeconds(10)).until(next::isDone);
    assertThat(next).isCompletedExceptionally();
  }

  @Test
  void aClosedTimerFailsTheFutureAtOnce() {
    timer.shutdown();
    DeadlineSweep sweep = new DeadlineSweep(timer, Duration.ofSeconds(5), now::get);
    CompletableFuture<String> f = sweep.watch(new CompletableFuture<>());
    assertThat(f).isCompletedExceptionally();
    assertThat(f.handle((v, e) -> e instanceof CompletionException ? e.getCause() : e))
        .isCompletedWithValueMatching(e -> e instanceof IOException);
    assertThat(sweep.ticking()).isFalse();
  }

  @Test
  void closingFailsWhatIsWatchedAndWhatIsWatchedAfter() {
    DeadlineSweep sweep = new DeadlineSweep(timer, Duration.ofSeconds(5), now::get);
    CompletableFuture<String> pending = sweep.watch(new CompletableFuture<>());
    sweep.close();
    assertThat(pending.handle((v, e) -> e)).isCompletedWithValueMatching(e -> e instanceof IOException);
    CompletableFuture<String> late = sweep.watch(new CompletableFuture<>());
    assertThat(late.handle((v, e) -> e)).isCompletedWithValueMatching(e -> e instanceof IOException);
  }
}
