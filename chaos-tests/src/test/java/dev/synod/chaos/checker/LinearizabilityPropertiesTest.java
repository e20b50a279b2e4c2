package dev.synod.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.chaos.history.History;
import java.time.Duration;
import java.util.List;
import java.util.Random;
import net.jqwik.api.Assume;
import net.jqwik.api.ForAll;
import net.jqwik.api.Property;
import net.jqwik.api.constraints.IntRange;

/** The checker accepts every history a real register produced, and rejects it once one read is corrupted. */
class LinearizabilityPropertiesTest {
  private static final LinearizabilityChecker<?, ?, ?> CHECKER = LinearizabilityChecker
      .builder(new CasRegisterModel()).budget(Duration.ofSeconds(20)).build();

  @Property(tries = 300)
  void historiesOfARealRegisterAreLinearizable(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int processes,
      @ForAll @IntRange(min = 1, max = 80) int ops, @ForAll @IntRange(min = 1, max = 3) int keys) {
    History h = RegisterHistories.record(RegisterHistories.generate(new Random(seed), processes, ops, keys));
    LinearizabilityResult result = CHECKER.check(h);
    assertThat(result.verdict()).as("%s", result).isEqualTo(Verdict.VALID);
  }

  @Property(tries = 300)
  void readOfAValueNeverWrittenIsAlwaysCaught(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int processes,
      @ForAll @IntRange(min = 1, max = 80) int ops, @ForAll @IntRange(min = 1, max = 3) int keys) {
    Random rnd = new Random(seed);
    List<RegisterHistories.GenOp> gen = RegisterHistories.generate(rnd, processes, ops, keys);
    List<RegisterHistories.GenOp> reads = gen.stream().filter(o -> o.isRead() && o.outcome.equals("ok")).toList();
    Assume.that(!reads.isEmpty());
    RegisterHistories.GenOp corrupted = reads.get(rnd.nextInt(reads.size()));
    corrupted.result = -1L; // generated values are all >= 0

    LinearizabilityResult result = CHECKER.check(RegisterHistories.record(gen));
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.keys().get(corrupted.key).verdict()).isEqualTo(Verdict.INVALID);
    assertThat(result.explanations()).singleElement()
        .satisfies(e -> assertThat(e.namedInvokeIndices()).isNotEmpty());
  }

  /**
   * A stale read: a read returns the value of write W although another write X, which began after W finished,
   * finished before the read began. Values are unique, so no linearization can explain it.
   */
  @Property(tries = 300)
  void staleReadIsAlwaysCaught(@ForAll long seed, @ForAll @IntRange(min = 1, max = 6) int processes,
      @ForAll @IntRange(min = 3, max = 80) int ops) {
    Random rnd = new Random(seed);
    List<RegisterHistories.GenOp> gen = RegisterHistories.generate(rnd, processes, ops, 1);
    List<RegisterHistories.GenOp[]> candidates = new java.util.ArrayList<>();
    for (RegisterHistories.GenOp r : gen) {
      for (RegisterHistories.GenOp w : gen) {
        for (RegisterHistories.GenOp x : gen) {
          if (r.isRead() && r.outcome.equals("ok") && written(w) != null && written(x) != null
              && w.complete < x.invoke && x.complete < r.invoke) {
            candidates.add(new RegisterHistories.GenOp[] {r, w});
          }
        }
      }
    }
    Assume.that(!candidates.isEmpty());
    RegisterHistories.GenOp[] pick = candidates.get(rnd.nextInt(candidates.size()));
    pick[0].result = written(pick[1]);

    LinearizabilityResult result = CHECKER.check(RegisterHistories.record(gen));
    assertThat(result.verdict()).isEqualTo(Verdict.INVALID);
  }

  /** The value an acknowledged op definitely wrote, else null. */
  private static Long written(RegisterHistories.GenOp op) {
    if (!op.outcome.equals("ok")) {
      return null;
    }
    if (op.f.equals("write")) {
      return op.a;
    }
    return op.f.equals("cas") && Boolean.TRUE.equals(op.result) ? op.b : null;
  }
}
