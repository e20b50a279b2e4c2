package dev.synod.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

class ClosedLoopRunnerTest {
  private final LoadRunner runner = LoadRunner.builder().progress(null).build();

  private static Workload.Builder counted(int clients, long ops) {
    return Workload.builder().clients(clients).opCount(ops).warmup(Duration.ZERO).keyCount(100).keyBytes(8);
  }

  @Test
  void runsExactlyTheOperationCountWithAtMostOneOperationInFlightPerClient() throws Exception {
    try (FakeKvTarget target = new FakeKvTarget(1, TimeUnit.MILLISECONDS)) {
      LoadResult result = runner.run(counted(4, 200).readFraction(0.5).build(), target);

      assertThat(target.calls).hasValue(200);
      assertThat(target.maxInFlight.get()).isBetween(1, 4);
      assertThat(result.completedOps()).isEqualTo(200);
      assertThat(result.putOps()).isEqualTo(target.puts.get()).isPositive();
      assertThat(result.getOps()).isEqualTo(target.gets.get()).isPositive();
      assertThat(result.errorCount()).isZero();
      assertThat(result.unfinishedOps()).isZero();
      // The fake never answers faster than its latency.
      assertThat(result.latency().p50Micros()).isGreaterThanOrEqualTo(1_000);
      assertThat(Arrays.stream(result.completionsPerSecond()).sum()).isEqualTo(200);
      assertThat(result.throughput()).isPositive();
    }
  }

  @Test
  void readsUseTheWorkloadsConsistency() throws Exception {
    try (FakeKvTarget target = new FakeKvTarget(0, TimeUnit.MILLISECONDS)) {
      runner.run(counted(2, 50).readFraction(1).readConsistency(Consistency.SERIALIZABLE).build(), target);
      assertThat(target.puts).hasValue(0);
      assertThat(target.consistencies).hasSize(50).containsOnly(Consistency.SERIALIZABLE);
    }
  }

  @Test
  void failuresAreCountedByStatusOrExceptionClassAndNotRecordedAsLatency() throws Exception {
    FakeKvTarget.Script script = n -> switch (n % 5) {
      case 0 -> Status.UNAVAILABLE.withDescription("no leader").asRuntimeException();
      case 1 -> new IllegalStateException("failed future");
      case 2 -> new FakeKvTarget.Throw(new IllegalArgumentException("thrown by the call"));
      default -> null;
    };
    try (FakeKvTarget target = new FakeKvTarget(1, TimeUnit.MILLISECONDS, script)) {
      LoadResult result = runner.run(counted(3, 100).build(), target);

      assertThat(result.errorsByStatus()).isEqualTo(Map.of(
          "UNAVAILABLE", 20L, "IllegalStateException", 20L, "IllegalArgumentException", 20L));
      assertThat(result.errorCount()).isEqualTo(60);
      assertThat(result.completedOps()).isEqualTo(40);
      assertThat(Arrays.stream(result.errorsPerSecond()).sum()).isEqualTo(60);
      assertThat(result.toString()).contains("UNAVAILABLE=20");
    }
  }

  @Test
  void aTargetThatCompletesAtOnceDoesNotOverflowTheStack() throws Exception {
    try (FakeKvTarget target = new FakeKvTarget(0, TimeUnit.MILLISECONDS)) {
      LoadResult result = runner.run(counted(1, 200_000).build(), target);
      assertThat(result.completedOps()).isEqualTo(200_000);
    }
  }

  @Test
  void oneClientSendsTheSameKeysInTheSameOrderEveryRun() throws Exception {
    Workload workload = counted(1, 100).readFraction(0.3).seed(99).build();
    try (FakeKvTarget first = new FakeKvTarget(0, TimeUnit.MILLISECONDS);
        FakeKvTarget second = new FakeKvTarget(0, TimeUnit.MILLISECONDS)) {
      runner.run(workload, first);
      runner.run(workload, second);
      assertThat(first.keysInOrder()).hasSize(100).isEqualTo(second.keysInOrder());
      assertThat(first.gets.get()).isEqualTo(second.gets.get());
    }
  }

  @Test
  void aDurationRunAccountsForEveryOperationAsWarmUpMeasuredOrFailed() throws Exception {
    FakeKvTarget.Script everyTenthFails = n -> n % 10 == 0 ? Status.ABORTED.asRuntimeException() : null;
    try (FakeKvTarget target = new FakeKvTarget(1, TimeUnit.MILLISECONDS, everyTenthFails)) {
      LoadResult result = runner.run(Workload.builder().clients(2).keyCount(100).keyBytes(8)
          .warmup(Duration.ofMillis(100)).duration(Duration.ofMillis(200)).build(), target);

      assertThat(result.warmupOps() + result.completedOps() + result.errorCount() + result.unfinishedOps())
          .isEqualTo(target.calls.get());
      assertThat(Arrays.stream(result.completionsPerSecond()).sum()).isEqualTo(result.completedOps());
      assertThat(result.errorsByStatus().keySet()).isSubsetOf("ABORTED");
    }
  }
}
