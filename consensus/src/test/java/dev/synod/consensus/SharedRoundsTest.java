package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import org.junit.jupiter.api.Test;

class SharedRoundsTest {
  private final List<CompletableFuture<Integer>> started = new ArrayList<>();
  private final SharedRounds<Integer> rounds = new SharedRounds<>(() -> {
    CompletableFuture<Integer> round = new CompletableFuture<>();
    started.add(round);
    return round;
  });

  @Test
  void aRoundCoversOnlyCallersRegisteredBeforeItStartedAndOneRunsAtATime() {
    CompletableFuture<Integer> first = rounds.next();
    CompletableFuture<Integer> second = rounds.next();
    CompletableFuture<Integer> third = rounds.next();
    assertThat(started).as("later callers wait for the running round to end").hasSize(1);

    started.get(0).complete(1);
    assertThat(first).isCompletedWithValue(1);
    assertThat(second).as("registered after round 1 started").isNotDone();
    assertThat(started).hasSize(2);

    started.get(1).complete(2);
    assertThat(second).isCompletedWithValue(2);
    assertThat(third).isCompletedWithValue(2);
    assertThat(started).as("nobody waits: no round runs").hasSize(2);

    CompletableFuture<Integer> fourth = rounds.next();
    assertThat(started).hasSize(3);
    started.get(2).complete(3);
    assertThat(fourth).isCompletedWithValue(3);
  }

  @Test
  void aFailedRoundFailsItsCallersAndTheNextRoundStillRuns() {
    CompletableFuture<Integer> first = rounds.next();
    CompletableFuture<Integer> second = rounds.next();
    IOException lost = new IOException("lost");

    started.get(0).completeExceptionally(lost);

    assertThat(first).isCompletedExceptionally();
    assertThat(first.handle((v, e) -> e).join()).isSameAs(lost);
    assertThat(started).hasSize(2);
    started.get(1).complete(7);
    assertThat(second).isCompletedWithValue(7);
  }

  @Test
  void aRoundThatThrowsWhileStartingFailsItsCallers() {
    SharedRounds<Integer> broken = new SharedRounds<>(() -> {
      throw new IllegalStateException("no view");
    });

    CompletableFuture<Integer> f = broken.next();

    assertThat(f.handle((v, e) -> e).join()).isInstanceOf(IllegalStateException.class).hasMessage("no view");
  }
}
