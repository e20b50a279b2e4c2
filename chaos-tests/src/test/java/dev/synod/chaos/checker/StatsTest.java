package dev.synod.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

/** Stats count outcomes per op and, as Jepsen's, reject a run where some op never succeeded. */
class StatsTest {

  @Test
  void countsOutcomesPerOpWithPendingAsInfo() {
    Recorder h = new Recorder();
    h.writeOk(0, "x", 1);
    h.fail(h.write(0, "x", 2));
    h.info(h.write(0, "x", 3));
    h.readOk(1, "x", 1L);
    h.read(2, "x"); // never completes
    Stats s = Stats.of(h.history);
    assertThat(s.byF()).containsEntry("write", new Stats.Counts(1, 1, 1))
        .containsEntry("read", new Stats.Counts(1, 0, 1));
    assertThat(s.verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void opThatNeverSucceededMakesStatsInvalid() {
    Recorder h = new Recorder();
    h.writeOk(0, "x", 1);
    h.info(h.cas(0, "x", 1, 2));
    assertThat(Stats.of(h.history).verdict()).isEqualTo(Verdict.INVALID);
  }
}
