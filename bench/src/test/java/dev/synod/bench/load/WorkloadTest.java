package dev.synod.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.function.UnaryOperator;
import java.util.stream.Stream;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.api.Test;

class WorkloadTest {
  @Test
  void defaultsAreAOneClientClosedLoopBoundedByDuration() {
    Workload w = Workload.builder().build();
    assertThat(w.clients()).isEqualTo(1);
    assertThat(w.openLoopRate()).isEmpty();
    assertThat(w.duration()).contains(Duration.ofSeconds(30));
    assertThat(w.opCount()).isEmpty();
    assertThat(w.warmup()).isEqualTo(Duration.ofSeconds(5));
    assertThat(w.valueBytes()).isEqualTo(256);
    assertThat(w.readConsistency()).isEqualTo(Consistency.LINEARIZABLE);
  }

  @Test
  void anOpCountReplacesTheDefaultDuration() {
    Workload w = Workload.builder().opCount(500).openLoop(1_000).build();
    assertThat(w.duration()).isEmpty();
    assertThat(w.opCount()).hasValue(500);
    assertThat(w.openLoopRate()).hasValue(1_000);
  }

  @Test
  void theLargestSettingsAreAccepted() {
    Workload w = Workload.builder().clients(4096).connections(1024).keyCount(100_000_000).keyBytes(4096)
        .valueBytes(512 * 1024).readFraction(1).duration(Duration.ofHours(24)).warmup(Duration.ofHours(1))
        .openLoop(10_000_000).build();
    assertThat(w.toString()).startsWith("open loop at 10000000 ops/s, clients 4096, connections 1024");
  }

  static Stream<Arguments> badSettings() {
    return Stream.of(
        bad(b -> b.clients(0), "clients: 0 (expected: 1..4096)"),
        bad(b -> b.clients(4097), "clients: 4097 (expected: 1..4096)"),
        bad(b -> b.clients(64).connections(0), "connections: 0 (expected: 1..1024)"),
        bad(b -> b.clients(4).connections(8), "connections: 8 (expected: 1..4, at most clients)"),
        bad(b -> b.keyCount(0), "keyCount: 0 (expected: 1..100000000)"),
        bad(b -> b.keyCount(10_000).keyBytes(3), "keyBytes: 3 (expected: 4..4096 for keyCount 10000)"),
        bad(b -> b.keyBytes(4097), "keyBytes: 4097 (expected: 4..4096 for keyCount 10000)"),
        bad(b -> b.valueBytes(-1), "valueBytes: -1 (expected: 0..524288)"),
        bad(b -> b.valueBytes(524_289), "valueBytes: 524289 (expected: 0..524288)"),
        bad(b -> b.readFraction(1.5), "readFraction: 1.5 (expected: 0.0..1.0)"),
        bad(b -> b.readFraction(Double.NaN), "readFraction: NaN (expected: 0.0..1.0)"),
        bad(b -> b.readConsistency(null), "readConsistency: null (expected: LINEARIZABLE or SERIALIZABLE)"),
        bad(b -> b.duration(Duration.ofSeconds(10)).opCount(1_000),
            "opCount: 1000 (expected: unset when duration PT10S is set; choose one bound)"),
        bad(b -> b.duration(Duration.ZERO), "duration: PT0S (expected: > PT0S and <= PT24H)"),
        bad(b -> b.duration(Duration.ofHours(25)), "duration: PT25H (expected: > PT0S and <= PT24H)"),
        bad(b -> b.opCount(0), "opCount: 0 (expected: 1..1000000000000)"),
        bad(b -> b.warmup(Duration.ofSeconds(-1)), "warmup: PT-1S (expected: PT0S..PT1H)"),
        bad(b -> b.warmup(null), "warmup: null (expected: PT0S..PT1H)"),
        bad(b -> b.openLoop(0), "rate: 0.0 (expected: > 0 and <= 10000000 ops/s)"),
        bad(b -> b.openLoop(Double.POSITIVE_INFINITY), "rate: Infinity (expected: > 0 and <= 10000000 ops/s)"));
  }

  @ParameterizedTest
  @MethodSource("badSettings")
  void aBadSettingIsRejectedNamingTheFieldTheValueAndTheLimit(UnaryOperator<Workload.Builder> setting,
      String message) {
    assertThatThrownBy(() -> setting.apply(Workload.builder()).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage(message);
  }

  private static Arguments bad(UnaryOperator<Workload.Builder> setting, String message) {
    return Arguments.of(setting, message);
  }
}
