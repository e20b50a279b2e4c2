package dev.synod.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.chaos.history.History;
import dev.synod.chaos.history.Op;
import dev.synod.chaos.history.OpValue;
import java.util.List;
import org.junit.jupiter.api.Test;

/** The set checker finds lost, unexpected, duplicated and resurrected elements, and counts recoveries. */
class SetCheckerTest {
  private long now;
  private final History h = new History(() -> now += 1_000);

  private Op add(int process, long element) {
    return h.invoke(process, "add", null, OpValue.of(element));
  }

  private void addOk(long element) {
    Op a = add(0, element);
    h.ok(a, a.value());
  }

  private void readAll(Long... elements) {
    h.ok(h.invoke(9, "read-all", null, OpValue.none()), OpValue.longs(List.of(elements)));
  }

  @Test
  void everyAcknowledgedAddReadBackIsValid() {
    addOk(1);
    addOk(2);
    h.info(add(1, 3), "timeout");
    h.fail(add(2, 4), "not leader");
    readAll(2L, 1L, 3L);
    SetResult r = SetChecker.check(h);
    assertThat(r.verdict()).isEqualTo(Verdict.VALID);
    assertThat(r.okAdds()).isEqualTo(2);
    assertThat(r.infoAdds()).isEqualTo(1);
    assertThat(r.failedAdds()).isEqualTo(1);
    assertThat(r.okRecovered()).isEqualTo(2);
    assertThat(r.infoRecovered()).isEqualTo(1);
  }

  @Test
  void acknowledgedAddMissingFromFinalReadIsLost() {
    addOk(1);
    addOk(2);
    readAll(1L);
    SetResult r = SetChecker.check(h);
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.lost()).containsExactly(2L);
  }

  @Test
  void addConcurrentWithTheFinalReadIsNotLost() {
    addOk(1);
    Op late = add(1, 2);
    Op read = h.invoke(9, "read-all", null, OpValue.none());
    h.ok(late, late.value());
    h.ok(read, OpValue.longs(List.of(1L)));
    assertThat(SetChecker.check(h).verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void elementNeverAddedIsUnexpected() {
    addOk(1);
    readAll(1L, 77L);
    assertThat(SetChecker.check(h).unexpected()).containsExactly(77L);
  }

  @Test
  void elementReadTwiceIsDuplicated() {
    addOk(1);
    readAll(1L, 1L);
    SetResult r = SetChecker.check(h);
    assertThat(r.verdict()).isEqualTo(Verdict.INVALID);
    assertThat(r.duplicated()).containsExactly(1L);
  }

  @Test
  void elementWhoseAddFailedMustNotBeRead() {
    h.fail(add(0, 5), "not leader");
    readAll(5L);
    assertThat(SetChecker.check(h).failedButPresent()).containsExactly(5L);
  }

  @Test
  void lastSuccessfulReadIsTheFinalOne() {
    addOk(1);
    readAll();
    readAll(1L);
    h.info(h.invoke(9, "read-all", null, OpValue.none()), "timeout");
    assertThat(SetChecker.check(h).verdict()).isEqualTo(Verdict.VALID);
  }

  @Test
  void setNeverReadIsUnknown() {
    addOk(1);
    SetResult r = SetChecker.check(h);
    assertThat(r.verdict()).isEqualTo(Verdict.UNKNOWN);
    assertThat(r.note()).isEqualTo("the set was never read successfully");
  }
}
