package dev.synod.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.chaos.history.Op;
import org.junit.jupiter.api.Test;

/** Hand-built register histories with known verdicts; the invalid ones also pin what the explanation names. */
class LinearizabilityCheckerTest {
  private final Recorder h = new Recorder();

  @Test
  void sequentialReadsWritesAndCasAreValid() {
    h.readOk(0, "x", null);
    h.writeOk(0, "x", 1);
    h.readOk(1, "x", 1L);
    h.ok(h.cas(1, "x", 1, 2), true);
    h.ok(h.cas(0, "x", 1, 3), false);
    h.readOk(0, "x", 2L);
    assertThat(h.check().verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void overlappingWritesAndReadsMayLinearizeInEitherOrder() {
    Op w1 = h.write(0, "x", 1);
    Op w2 = h.write(1, "x", 2);
    Op r = h.read(2, "x");
    h.ok(w2);
    h.ok(r, 1L); // w2 then w1 then r, all concurrent
    h.ok(w1);
    h.readOk(2, "x", 1L);
    assertThat(h.check().verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void concurrentCasFailureIsValidWhenTheOtherSwappedFirst() {
    h.writeOk(0, "x", 0);
    Op a = h.cas(0, "x", 0, 1);
    Op b = h.cas(1, "x", 0, 2);
    h.ok(b, false);
    h.ok(a, true);
    h.readOk(0, "x", 1L);
    assertThat(h.check().verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void casOnAbsentKeyMayFailButNotSwap() {
    h.ok(h.cas(0, "x", 5, 6), false);
    assertThat(h.check().verdict()).isEqualTo(Verdict.VALID);
    Recorder swapped = new Recorder();
    swapped.ok(swapped.cas(0, "x", 5, 6), true);
    assertThat(swapped.check().verdict()).isEqualTo(Verdict.INVALID);
  }

  @Test
  void staleReadAfterCompletedNewerWriteIsInvalid() {
    Op w1 = h.writeOk(0, "x", 1);
    Op w2 = h.writeOk(1, "x", 2);
    Op stale = h.readOk(2, "x", 1L);
    LinearizabilityResult result = h.check();

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    Explanation e = result.keys().get("x").explanation();
    assertThat(e.stuck().invokeIndex()).isEqualTo(stale.index() - 1);
    assertThat(e.stuck().process()).isEqualTo(2);
    assertThat(e.stuck().description()).isEqualTo("read → 1");
    assertThat(e.prefixLength()).isEqualTo(2);
    assertThat(e.prefixTail()).extracting(s -> s.op().invokeIndex()).containsExactly(w1.index() - 1, w2.index() - 1);
    assertThat(e.stateAfterPrefix()).isEqualTo("2");
    assertThat(e.concurrent()).isEmpty();
    assertThat(e.message()).contains("op 4 (process 2, read → 1, ok", "state then: 2");
  }

  @Test
  void acknowledgedWriteNeverVisibleToLaterReadsIsInvalid() {
    h.writeOk(0, "x", 1);
    h.readOk(1, "x", 1L);
    Op lost = h.writeOk(0, "x", 2);
    Op read = h.readOk(1, "x", 1L);
    h.readOk(2, "x", 1L);
    LinearizabilityResult result = h.check();

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    Explanation e = result.explanations().get(0);
    assertThat(e.stuck().invokeIndex()).isEqualTo(read.index() - 1);
    assertThat(e.prefixTail()).last().satisfies(s -> {
      assertThat(s.op().invokeIndex()).isEqualTo(lost.index() - 1);
      assertThat(s.stateAfter()).isEqualTo("2");
    });
  }

  @Test
  void twoSequentialCasWithTheSameExpectedValueCannotBothSwap() {
    h.writeOk(0, "x", 0);
    h.ok(h.cas(0, "x", 0, 1), true);
    Op second = h.ok(h.cas(1, "x", 0, 2), true);
    Explanation e = h.check().explanations().get(0);
    assertThat(e.stuck().completeIndex()).isEqualTo(second.index());
    assertThat(e.stuck().description()).isEqualTo("cas 0→2 → true");
    assertThat(e.stateAfterPrefix()).isEqualTo("1");
  }

  @Test
  void twoConcurrentCasWithTheSameExpectedValueCannotBothSwap() {
    h.writeOk(0, "x", 0);
    Op a = h.cas(0, "x", 0, 1);
    Op b = h.cas(1, "x", 0, 2);
    h.ok(a, true);
    h.ok(b, true);
    LinearizabilityResult result = h.check();

    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    Explanation e = result.explanations().get(0);
    assertThat(e.namedInvokeIndices()).contains(a.index(), b.index());
    assertThat(java.util.List.of(e.stuck().invokeIndex(), e.concurrent().get(0).invokeIndex()))
        .containsExactlyInAnyOrder(a.index(), b.index());
  }

  @Test
  void readOfAValueNeverWrittenIsInvalid() {
    h.writeOk(0, "x", 1);
    Op r = h.read(1, "x");
    Op w = h.write(0, "x", 2);
    h.ok(r, 7L);
    h.ok(w);
    Explanation e = h.check().explanations().get(0);
    assertThat(e.stuck().invokeIndex()).isEqualTo(r.index());
    assertThat(e.concurrent()).extracting(OpSummary::invokeIndex).containsExactly(w.index());
  }

  @Test
  void writeWithUnknownOutcomeExplainsALaterRead() {
    h.writeOk(0, "x", 1);
    h.info(h.write(1, "x", 2));
    h.readOk(0, "x", 2L);
    h.readOk(0, "x", 2L);
    assertThat(h.check().verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void writeNeverCompletedExplainsALaterRead() {
    h.writeOk(0, "x", 1);
    h.write(1, "x", 2); // the client crashed: no completion at all
    h.readOk(0, "x", 2L);
    LinearizabilityResult result = h.check();
    assertThat(result.verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.keys().get("x").unknownOutcome()).isEqualTo(1);
  }

  @Test
  void writeWithUnknownOutcomeMayNeverTakeEffect() {
    h.writeOk(0, "x", 1);
    h.info(h.write(1, "x", 2));
    h.readOk(0, "x", 1L);
    h.readOk(0, "x", 1L);
    assertThat(h.check().verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void writeWithUnknownOutcomeTakesEffectAtMostOnce() {
    h.writeOk(0, "x", 1);
    h.info(h.write(1, "x", 2));
    h.readOk(0, "x", 2L);
    Op back = h.readOk(0, "x", 1L);
    Explanation e = h.check().explanations().get(0);
    assertThat(e.stuck().completeIndex()).isEqualTo(back.index());
  }

  @Test
  void unknownWriteDoesNotExplainAValueItDidNotWrite() {
    h.writeOk(0, "x", 1);
    h.info(h.write(1, "x", 2));
    h.readOk(0, "x", 3L);
    assertThat(h.check().verdict()).isEqualTo(Verdict.INVALID);
  }

  @Test
  void unknownWriteInvokedAfterAReadCannotExplainIt() {
    Op r = h.readOk(0, "x", 2L);
    h.info(h.write(1, "x", 2));
    Explanation e = h.check().explanations().get(0);
    assertThat(e.stuck().completeIndex()).isEqualTo(r.index());
    assertThat(e.concurrent()).isEmpty();
  }

  @Test
  void failedWriteDefinitelyDidNotHappen() {
    h.writeOk(0, "x", 1);
    h.fail(h.write(1, "x", 2));
    h.readOk(0, "x", 1L);
    assertThat(h.check().verdict()).isEqualTo(Verdict.VALID);
    h.readOk(0, "x", 2L);
    assertThat(h.check().verdict()).isEqualTo(Verdict.INVALID);
  }

  @Test
  void readsWithUnknownOrFailedOutcomeAreDropped() {
    h.writeOk(0, "x", 1);
    h.info(h.read(1, "x"));
    h.fail(h.read(2, "x"));
    assertThat(h.check().keys().get("x").operations()).isEqualTo(1);
  }

  @Test
  void keysAreCheckedIndependently() {
    h.writeOk(0, "a", 1);
    h.writeOk(0, "b", 1);
    h.readOk(1, "a", 1L);
    h.readOk(1, "b", null);
    LinearizabilityResult result = h.check();
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.keys().get("a").verdict()).isEqualTo(Verdict.VALID);
    assertThat(result.keys().get("b").verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.explanations()).singleElement().extracting(Explanation::key).isEqualTo("b");
  }
}
