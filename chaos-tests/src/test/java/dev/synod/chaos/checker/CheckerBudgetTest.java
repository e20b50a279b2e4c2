package dev.synod.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.chaos.history.Op;
import java.time.Duration;
import org.junit.jupiter.api.Test;

/** The checker gives up with UNKNOWN, not a hang or an out-of-memory, when the search space explodes. */
class CheckerBudgetTest {

  /**
   * 40 concurrent writes with unknown outcome, then a read of a value none of them wrote: proving it invalid
   * means trying every subset and order of the writes.
   */
  private static Recorder pathological() {
    Recorder h = new Recorder();
    for (int p = 0; p < 40; p++) {
      h.info(h.write(p, "x", p));
    }
    for (int i = 0; i < 200; i++) {
      h.readOk(100, "y", null); // a second, easy key, to show it still gets a verdict
    }
    h.readOk(100, "x", 999L);
    return h;
  }

  @Test
  void exhaustedTimeBudgetGivesUnknown() {
    Recorder h = pathological();
    long start = System.nanoTime();
    LinearizabilityResult result = LinearizabilityChecker.builder(new CasRegisterModel())
        .budget(Duration.ofMillis(1)).parallelism(1).build().check(h.history);
    long tookMs = (System.nanoTime() - start) / 1_000_000;

    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.keys().get("x").note()).contains("time budget exceeded");
    assertThat(tookMs).isLessThan(2_000);
  }

  @Test
  void exhaustedStateLimitGivesUnknown() {
    LinearizabilityResult result = LinearizabilityChecker.builder(new CasRegisterModel())
        .maxStates(10_000).build().check(pathological().history);
    assertThat(result.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(result.keys().get("x").note()).contains("exceeded 10000 states");
    assertThat(result.keys().get("y").verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void invalidKeyWinsOverUnknownKey() {
    Recorder h = pathological();
    h.writeOk(0, "z", 1);
    h.readOk(1, "z", 2L);
    LinearizabilityResult result = LinearizabilityChecker.builder(new CasRegisterModel())
        .maxStates(10_000).build().check(h.history);
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
  }

  @Test
  void longRealisticHistoryIsCheckedWellWithinBudget() {
    var ops = RegisterHistories.generate(new java.util.Random(42), 10, 20_000, 20);
    LinearizabilityResult result = LinearizabilityChecker.builder(new CasRegisterModel())
        .budget(Duration.ofSeconds(20)).build().check(RegisterHistories.record(ops));
    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.keys()).hasSize(20);
    assertThat(result.elapsedNanos()).isLessThan(Duration.ofSeconds(10).toNanos());
  }

  @Test
  void builderRejectsBadSettingsNamingTheLimit() {
    var b = LinearizabilityChecker.builder(new CasRegisterModel());
    assertThatThrownBy(() -> b.budget(Duration.ZERO)).hasMessage("budget: PT0S (expected: > 0)");
    assertThatThrownBy(() -> b.parallelism(0)).hasMessage("parallelism: 0 (expected: >= 1)");
    assertThatThrownBy(() -> b.maxStates(0)).hasMessage("maxStates: 0 (expected: >= 1)");
  }

  @Test
  void malformedCasResultIsRejectedNamingTheOp() {
    Recorder h = new Recorder();
    Op cas = h.cas(0, "x", 1, 2);
    Op done = h.history.ok(cas, cas.value()); // echoes [1,2] instead of true/false
    assertThatThrownBy(h::check).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("value of ok cas op " + done.index() + ": [1,2] (expected: true or false)");
  }

  @Test
  void unknownOpIsRejectedNamingIt() {
    Recorder h = new Recorder();
    h.history.invoke(0, "delete", "x", null);
    assertThatThrownBy(h::check).hasMessage("f of op 0: delete (expected: read, write or cas)");
  }
}
