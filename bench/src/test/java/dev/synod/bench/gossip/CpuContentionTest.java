package dev.synod.bench.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class CpuContentionTest {
  @Test
  void startsOneBusyLoopPerCoreAndStopsThemOnClose() {
    CpuContention load = CpuContention.start();
    try {
      assertThat(load.processes()).isEqualTo(Runtime.getRuntime().availableProcessors());
      assertThat(load.running()).isTrue();
    } finally {
      load.close();
    }
    assertThat(load.running()).isFalse();
  }

  @Test
  void aCountOutsideTheLimitIsRefused() {
    assertThatThrownBy(() -> CpuContention.start(0)).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("processes: 0 (expected: 1..1024)");
  }
}
