package dev.synod.bench.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ObservationLogTest {
  private final ObservationLog log = new ObservationLog();

  @Test
  void aWaitEndsWhenAnotherThreadAddsWhatItWaitsFor() throws Exception {
    CompletableFuture<Boolean> waiting = CompletableFuture.supplyAsync(() -> {
      try {
        return log.awaitUntil(seen -> seen.stream().anyMatch(o -> o.kind() == ObservationKind.FAILED),
            System.nanoTime() + TimeUnit.SECONDS.toNanos(30));
      } catch (InterruptedException e) {
        throw new IllegalStateException(e);
      }
    });
    log.add(new Observation(1, "n0", ObservationKind.JOINED, "n1"));
    log.add(new Observation(2, "n0", ObservationKind.FAILED, "n1"));

    assertThat(waiting.get(30, TimeUnit.SECONDS)).isTrue();
    assertThat(log.snapshot()).hasSize(2);
  }

  @Test
  void aWaitPastItsDeadlineReturnsFalse() throws InterruptedException {
    assertThat(log.awaitUntil(seen -> !seen.isEmpty(), System.nanoTime())).isFalse();
  }

  @Test
  void anExceptionFromTheConditionEndsTheWait() {
    assertThatThrownBy(() -> log.awaitUntil(seen -> {
      throw new IllegalStateException("n3 is not running");
    }, System.nanoTime() + TimeUnit.SECONDS.toNanos(30))).hasMessage("n3 is not running");
  }
}
