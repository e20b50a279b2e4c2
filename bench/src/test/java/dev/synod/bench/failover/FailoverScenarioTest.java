package dev.synod.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The whole scenario against an in-memory cluster whose outage the test chooses. */
class FailoverScenarioTest {
  private static final FailoverPlan PLAN = new FailoverPlan(4, 16, 100, Duration.ofMillis(400),
      Duration.ofSeconds(10), Duration.ofSeconds(1));

  private final ByteArrayOutputStream progress = new ByteArrayOutputStream();

  @Test
  void measuresTheOutageFromTheKillToTheFirstAck() throws InterruptedException {
    Duration outage = Duration.ofMillis(300);
    FailoverResult result;
    try (FakeFailoverSubject subject = new FakeFailoverSubject(outage, true)) {
      result = scenario(PLAN).run(subject);
      assertThat(subject.openedConnections).isEqualTo(FailoverScenario.CONNECTIONS);
      assertThat(subject.openedDeadline).isEqualTo(PLAN.requestDeadline());
      assertThat(subject.alive(0)).isFalse();
    }

    assertThat(result.system()).isEqualTo("fake");
    assertThat(result.plan()).isEqualTo(PLAN);
    assertThat(result.killedMember()).isZero();
    assertThat(result.newLeader()).hasValue(1);
    assertThat(result.recovered()).isTrue();
    assertThat(result.killToFirstAck()).hasValueSatisfying(d -> assertThat(d).isBetween(outage, PLAN.maxRecovery()));
    assertThat(result.recoveryToHalfThroughput())
        .hasValueSatisfying(d -> assertThat(d).isGreaterThanOrEqualTo(result.killToFirstAck().orElseThrow()));
    assertThat(result.preKillOpsPerSecond()).isPositive();
    assertThat(result.preKillFailures()).isZero();
    assertThat(result.failuresByStatus()).containsOnlyKeys("UNAVAILABLE");
    assertThat(result.failedRequests()).isEqualTo(result.failuresByStatus().get("UNAVAILABLE")).isPositive();
    assertThat(progress.toString(StandardCharsets.UTF_8))
        .contains("fake: SIGKILL to leader 0 (pid 1000) after ", "fake: killed leader 0, new leader 1, first ack after ");
  }

  @Test
  void saysSoWhenWritesNeverRecover() throws InterruptedException {
    FailoverPlan plan = PLAN.withRequestDeadline(Duration.ofMillis(100)).withMaxRecovery(Duration.ofMillis(600));
    FailoverResult result;
    try (FakeFailoverSubject subject = new FakeFailoverSubject(null, true)) {
      result = scenario(plan).run(subject);
    }

    assertThat(result.recovered()).isFalse();
    assertThat(result.killToFirstAck()).isEmpty();
    assertThat(result.recoveryToHalfThroughput()).isEmpty();
    assertThat(result.newLeader()).isEmpty();
    assertThat(result.failedRequests()).isPositive();
    assertThat(result.toString()).contains("new leader none found", "first ack after never (within PT0.6S)");
    assertThat(progress.toString(StandardCharsets.UTF_8)).contains("fake: no leader after the kill: fake cluster: no leader");
  }

  @Test
  void killsNothingWhenNoWriteSucceedsInTheWarmUp() {
    try (FakeFailoverSubject subject = new FakeFailoverSubject(Duration.ofMillis(300), false)) {
      assertThatThrownBy(() -> scenario(PLAN).run(subject))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("fake: no write succeeded in the warm-up's second half (expected: some before"
              + " killing the leader); failed writes: ");
      assertThat(subject.alive(0)).isTrue();
    }
  }

  private FailoverScenario scenario(FailoverPlan plan) {
    return new FailoverScenario(plan, new PrintStream(progress, true, StandardCharsets.UTF_8));
  }
}
