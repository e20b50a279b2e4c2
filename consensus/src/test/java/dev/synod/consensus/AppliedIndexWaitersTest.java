package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class AppliedIndexWaitersTest {
  private final AppliedIndexWaiters waiters = new AppliedIndexWaiters();

  @Test
  void aWaiterCompletesOnceItsIndexIsApplied() {
    CompletableFuture<Void> at5 = waiters.atLeast(5);
    CompletableFuture<Void> at7 = waiters.atLeast(7);
    waiters.advance(4);
    assertThat(at5).isNotDone();
    waiters.advance(6);
    assertThat(at5).isCompleted();
    assertThat(at7).isNotDone();
    waiters.advance(9);
    assertThat(at7).isCompleted();
  }

  @Test
  void anIndexAlreadyAppliedIsDoneAtOnce() {
    waiters.advance(10);
    assertThat(waiters.atLeast(10)).isCompleted();
    assertThat(waiters.atLeast(3)).isCompleted();
    assertThat(waiters.atLeast(11)).isNotDone();
  }

  @Test
  void anIndexNeverMovesBack() {
    waiters.advance(10);
    waiters.advance(4); // a late report of an older index
    assertThat(waiters.atLeast(8)).isCompleted();
  }

  @Test
  void oneCallersTimeoutLeavesAnotherWaitingForTheSameIndex() {
    CompletableFuture<Void> impatient = waiters.atLeast(5).orTimeout(1, TimeUnit.MILLISECONDS);
    CompletableFuture<Void> patient = waiters.atLeast(5);
    assertThat(impatient).failsWithin(5, TimeUnit.SECONDS);
    assertThat(patient).isNotDone();
    waiters.advance(5);
    assertThat(patient).isCompleted();
  }
}
