package dev.synod.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class OpenLoopRunnerTest {
  private final LoadRunner runner = LoadRunner.builder().progress(null).build();

  @Test
  void latencyCountsFromWhenAnOperationWasDueSoQueueingBehindASlowTargetShows() throws Exception {
    // One operation due every millisecond, each taking at least 10 ms: operation k cannot finish
    // before (k + 1) * 10 ms, though it was due at k ms, so its latency is at least 9k + 10 ms.
    int ops = 40;
    try (FakeKvTarget target = new FakeKvTarget(10, TimeUnit.MILLISECONDS)) {
      LoadResult result = runner.run(Workload.builder().clients(1).openLoop(1_000).opCount(ops)
          .warmup(Duration.ZERO).keyCount(10).keyBytes(4).build(), target);

      assertThat(result.completedOps()).isEqualTo(ops);
      assertThat(result.latency().maxMicros()).isGreaterThanOrEqualTo(millis(9 * (ops - 1) + 10));
      // The median operation (k = 19) waited far longer than the target's own 10 ms.
      assertThat(result.latency().p50Micros()).isGreaterThanOrEqualTo(millis(9 * 19 + 10));
      assertThat(target.maxInFlight).hasValue(1);
    }
  }

  @Test
  void theOperationCountIsSpreadOverAllClients() throws Exception {
    try (FakeKvTarget target = new FakeKvTarget(1, TimeUnit.MILLISECONDS)) {
      LoadResult result = runner.run(Workload.builder().clients(4).openLoop(4_000).opCount(200)
          .warmup(Duration.ZERO).keyCount(10).keyBytes(4).build(), target);
      assertThat(target.calls).hasValue(200);
      assertThat(result.completedOps()).isEqualTo(200);
      assertThat(target.maxInFlight.get()).isBetween(1, 4);
      assertThat(result.latency().p50Micros()).isGreaterThanOrEqualTo(1_000);
    }
  }

  @Test
  void aDurationRunNeverSendsMoreThanTheRateAllows() throws Exception {
    // Due times are fixed in advance: 1,000 ops/s for 300 ms is at most 300 operations, however the
    // machine keeps up (a late scheduler only sends fewer).
    try (FakeKvTarget target = new FakeKvTarget(0, TimeUnit.MILLISECONDS)) {
      LoadResult result = runner.run(Workload.builder().clients(2).openLoop(1_000)
          .duration(Duration.ofMillis(300)).warmup(Duration.ZERO).keyCount(10).keyBytes(4).build(), target);
      assertThat(target.calls.get()).isLessThanOrEqualTo(300);
      assertThat(result.completedOps() + result.errorCount()).isEqualTo(target.calls.get());
    }
  }

  private static long millis(long ms) {
    return TimeUnit.MILLISECONDS.toMicros(ms);
  }
}
