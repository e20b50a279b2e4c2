package dev.synod.chaos.checker;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.chaos.history.History;
import dev.synod.chaos.history.Op;
import dev.synod.chaos.history.OpValue;
import org.junit.jupiter.api.Test;

/** Per fault window: errors while it was in force and time from the heal to the first acknowledged write. */
class AvailabilityReportTest {
  private long nowMs;
  private final History h = new History(() -> nowMs * 1_000_000);

  private Op at(long ms, java.util.function.Supplier<Op> event) {
    nowMs = ms;
    return event.get();
  }

  @Test
  void measuresRecoveryAfterEachHealAndErrorsDuringTheFault() {
    Op w0 = at(0, () -> h.invoke(0, "write", "k", OpValue.of(1L)));
    at(5, () -> h.ok(w0, w0.value()));
    at(10, () -> h.nemesis("start-partition", OpValue.none()));
    Op w1 = at(11, () -> h.invoke(0, "write", "k", OpValue.of(2L)));
    at(15, () -> h.fail(w1, "no leader"));
    Op w2 = at(16, () -> h.invoke(0, "write", "k", OpValue.of(3L)));
    at(18, () -> h.info(w2, "timeout"));
    Op r = at(19, () -> h.invoke(1, "read", "k", OpValue.none()));
    at(20, () -> h.nemesis("stop-partition", OpValue.none()));
    Op w3 = at(21, () -> h.invoke(0, "write", "k", OpValue.of(4L)));
    at(27, () -> h.ok(w3, w3.value())); // first acknowledged write: 7 ms after the heal
    at(28, () -> h.ok(r, OpValue.of(4L)));
    at(30, () -> h.nemesis("kill", OpValue.none()));
    at(40, () -> h.nemesis("restart", OpValue.none()));
    Op w4 = at(41, () -> h.invoke(0, "write", "k", OpValue.of(5L)));
    at(60, () -> h.ok(w4, w4.value())); // 20 ms after the restart
    at(70, () -> h.nemesis("start-clock-skew", OpValue.none()));

    AvailabilityReport report = AvailabilityReport.of(h);

    assertThat(report.rows()).hasSize(3);
    AvailabilityReport.Row partition = report.rows().get(0);
    assertThat(partition.fault()).isEqualTo("partition");
    assertThat(partition.recoveryNanos()).isEqualTo(7_000_000L);
    assertThat(partition.failedDuring()).isEqualTo(1);
    assertThat(partition.infoDuring()).isEqualTo(1);
    assertThat(partition.okWritesDuring()).isZero();
    assertThat(report.rows().get(1).fault()).isEqualTo("kill");
    assertThat(report.rows().get(1).recoveryNanos()).isEqualTo(20_000_000L);
    AvailabilityReport.Row neverHealed = report.rows().get(2);
    assertThat(neverHealed.healNanos()).isNull();
    assertThat(neverHealed.recoveryNanos()).isNull();
    assertThat(report.maxRecoveryNanos()).isEqualTo(20_000_000L);
  }

  @Test
  void historyWithoutFaultsHasNoRows() {
    Op w = h.invoke(0, "write", "k", OpValue.of(1L));
    h.ok(w, w.value());
    AvailabilityReport report = AvailabilityReport.of(h);
    assertThat(report.rows()).isEmpty();
    assertThat(report.maxRecoveryNanos()).isNull();
  }
}
