package dev.synod.bench.gossip;

import static dev.synod.bench.gossip.ObservationKind.FAILED;
import static dev.synod.bench.gossip.ObservationKind.JOINED;
import static dev.synod.bench.gossip.ObservationKind.LEFT;
import static dev.synod.bench.gossip.ObservationKind.SUSPECTED;
import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Settling, detection and false-alarm counting over synthetic, hand-stamped observations. */
class BookkeepingTest {
  private static final List<String> RING = List.of("n0", "n1", "n2");
  private static final long KILL = 1_000_000_000L;

  private final List<Observation> seen = new ArrayList<>();

  private void at(long nanos, String observer, ObservationKind kind, String member) {
    seen.add(new Observation(nanos, observer, kind, member));
  }

  private void everyoneJoined() {
    for (String a : RING) {
      for (String b : RING) {
        at(1, a, JOINED, b); // serf also reports its own join; it must not matter
      }
    }
  }

  @Test
  void aRingSettlesOnceEveryMemberSeesAllTheOthers() {
    at(1, "n0", JOINED, "n1");
    at(1, "n0", JOINED, "n2");
    at(1, "n1", JOINED, "n0");
    assertThat(RingViews.settled(seen, RING)).isFalse();
    assertThat(RingViews.missing(seen, RING)).isEqualTo("n1 misses [n2]; n2 misses [n0, n1]");

    everyoneJoined();
    assertThat(RingViews.settled(seen, RING)).isTrue();
    assertThat(RingViews.missing(seen, RING)).isEmpty();

    at(2, "n0", FAILED, "n2");
    at(2, "n1", LEFT, "n2");
    assertThat(RingViews.missing(seen, RING)).isEqualTo("n0 misses [n2]; n1 misses [n2]");
  }

  @Test
  void detectionRunsFromTheKillToTheLastSurvivorsFirstReport() {
    everyoneJoined();
    at(KILL - 1, "n0", FAILED, "n2"); // before the kill: not about this kill
    at(KILL + 3_000_000_000L, "n0", FAILED, "n2");
    at(KILL + 2_000_000_000L, "n1", SUSPECTED, "n2");
    assertThat(Detection.allSaw(seen, "n2", List.of("n0", "n1"), KILL)).isFalse();
    at(KILL + 5_500_000_000L, "n1", FAILED, "n2");
    at(KILL + 7_000_000_000L, "n1", FAILED, "n2"); // a repeat does not move the first report
    assertThat(Detection.allSaw(seen, "n2", List.of("n0", "n1"), KILL)).isTrue();

    DetectionRun run = Detection.measure("serf", true, 2, "n2", List.of("n0", "n1"), KILL, 9_000_000_000L, seen);

    assertThat(run).isEqualTo(
        new DetectionRun("serf", true, 2, Duration.ofMillis(5500), Duration.ofMillis(3000), true));
  }

  @Test
  void aRunWithoutEverySurvivorsReportIsUndetectedAndTimedByTheWait() {
    at(KILL + 3_000_000_000L, "n0", FAILED, "n2");
    DetectionRun partly = Detection.measure("synod", false, 2, "n2", List.of("n0", "n1"), KILL, 60_000_000_000L, seen);
    assertThat(partly).isEqualTo(
        new DetectionRun("synod", false, 2, Duration.ofSeconds(60), Duration.ofSeconds(3), false));

    DetectionRun none = Detection.measure("synod", false, 2, "n2", List.of("n1"), KILL, 60_000_000_000L, seen);
    assertThat(none.firstSawDead()).isEqualTo(Duration.ofSeconds(60));
    assertThat(none.detected()).isFalse();
  }

  @Test
  void falseAlarmsAreSuspicionsAndFailuresOfMembersInsideTheWindow() {
    at(99, "n0", SUSPECTED, "n1"); // before the window
    at(100, "n0", SUSPECTED, "n1");
    at(150, "n2", SUSPECTED, "n1");
    at(160, "n2", FAILED, "n1");
    at(170, "n1", JOINED, "n0"); // not an alarm
    at(180, "n1", SUSPECTED, "x9"); // not a member of the ring
    at(200, "n0", FAILED, "n2"); // the window's end is exclusive

    assertThat(FalseAlarms.count(seen, RING, 100, 200)).isEqualTo(new FalseAlarms(2, 1));
  }
}
