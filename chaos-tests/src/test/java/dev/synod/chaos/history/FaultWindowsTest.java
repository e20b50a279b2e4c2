package dev.synod.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** Nemesis ops pair into windows by start-X/stop-X and by named pairs such as kill/restart. */
class FaultWindowsTest {

  @Test
  void pairsFaultsAndKeepsUnhealedOnesOpen() {
    long[] now = {0};
    History h = new History(() -> now[0] += 10);
    h.nemesis("start-partition", null);
    h.nemesis("kill", null);
    h.nemesis("stop-partition", null);
    h.nemesis("stop-pause", null); // unmatched heal: ignored
    h.nemesis("restart", null);
    h.nemesis("start-partition", null);

    List<FaultWindow> w = FaultWindows.of(h.ops());
    assertThat(w).extracting(FaultWindow::fault).containsExactly("partition", "kill", "partition");
    assertThat(w.get(0).healOp().f()).isEqualTo("stop-partition");
    assertThat(w.get(1).healOp().f()).isEqualTo("restart");
    assertThat(w.get(2).healed()).isFalse();
    assertThat(w.get(2).healNanos(999)).isEqualTo(999);
  }

  @Test
  void customPairsAreHonoured() {
    History h = new History(() -> 0);
    h.nemesis("isolate-leader", null);
    h.nemesis("heal", null);
    assertThat(FaultWindows.of(h.ops(), Map.of("isolate-leader", "heal"))).singleElement()
        .satisfies(w -> assertThat(w.healed()).isTrue());
  }
}
