package dev.synod.bench.failover;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/** The bookkeeping alone, on a clock the test moves. */
class FailoverTimelineTest {
  private final AtomicLong clock = new AtomicLong();
  private final FailoverTimeline timeline = new FailoverTimeline(clock::get);

  @Test
  void preKillThroughputCountsOnlyTheMeasuredWindow() {
    ackAt(0, 500);
    at(1000);
    timeline.startMeasuring();
    for (int i = 0; i < 100; i++) {
      ackAt(1000 + i * 10, 1000 + i * 10 + 5);
    }
    at(2000);
    timeline.killSent();

    assertThat(timeline.preKillOpsPerSecond()).isEqualTo(100.0);
    assertThat(timeline.acksSinceMeasuring()).isEqualTo(100);
  }

  @Test
  void theFirstAckIsOfAWriteIssuedAfterTheProcessWasGone() throws InterruptedException {
    killAt2sAfter100OpsPerSecond();
    ackAt(1999, 2500);
    ackAt(2005, 2600);
    assertThat(timeline.killToFirstAck()).as("late acks of writes issued before the process was gone").isEmpty();

    ackAt(2010, 3000);

    assertThat(timeline.killToFirstAck()).contains(Duration.ofMillis(1000));
    assertThat(timeline.recoveryToHalfThroughput()).isEmpty();
    assertThat(timeline.awaitHalfThroughput(Duration.ZERO)).isFalse();
  }

  @Test
  void recoveryIsTheEndOfTheFirstWindowWithHalfThePreKillThroughput() throws InterruptedException {
    killAt2sAfter100OpsPerSecond();
    // Half of 100 writes/s is 5 writes per 100 ms window. Every 30 ms puts at most 4 in a window.
    for (int t = 3000; t <= 3150; t += 30) {
      ackAt(2100, t);
    }
    assertThat(timeline.recoveryToHalfThroughput()).isEmpty();
    // Every 20 ms: 3200 .. 3280 are five in the window ending at 3280.
    for (int t = 3200; t <= 3300; t += 20) {
      ackAt(2100, t);
    }

    assertThat(timeline.killToFirstAck()).contains(Duration.ofMillis(1000));
    assertThat(timeline.recoveryToHalfThroughput()).contains(Duration.ofMillis(1280));
    assertThat(timeline.awaitHalfThroughput(Duration.ZERO)).isTrue();
  }

  @Test
  void failuresAreCountedBeforeAndAfterTheKillApart() {
    at(100);
    timeline.failed("UNAVAILABLE");
    killAt2sAfter100OpsPerSecond();
    at(2001);
    timeline.failed("UNAVAILABLE");
    at(2500);
    timeline.failed("DEADLINE_EXCEEDED");
    timeline.failed("UNAVAILABLE");
    timeline.unanswered(2);
    timeline.unanswered(0);

    assertThat(timeline.preKillFailures()).isEqualTo(1);
    assertThat(timeline.failuresAfterKill()).containsExactly(
        Map.entry("DEADLINE_EXCEEDED", 1L), Map.entry("NO_ANSWER", 2L), Map.entry("UNAVAILABLE", 2L));
  }

  @Test
  void theKillNeedsAMeasuredWindowFirst() {
    assertThatThrownBy(timeline::killSent).isInstanceOf(IllegalStateException.class)
        .hasMessage("killSent before startMeasuring");
  }

  /** 100 acks in the measured second 1 s..2 s; SIGKILL sent at 2000 ms, the process gone at 2010 ms. */
  private void killAt2sAfter100OpsPerSecond() {
    at(1000);
    timeline.startMeasuring();
    for (int i = 0; i < 100; i++) {
      ackAt(1000 + i * 10, 1000 + i * 10 + 5);
    }
    at(2000);
    timeline.killSent();
    at(2010);
    timeline.killConfirmed();
  }

  private void ackAt(long issuedMillis, long completedMillis) {
    at(completedMillis);
    timeline.acked(issuedMillis * 1_000_000);
  }

  private void at(long millis) {
    clock.set(millis * 1_000_000);
  }
}
