package dev.synod.node;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class CommonPoolSizingTest {
  @Test
  void machinesWithTwoCoresOrFewerGetACommonPoolOfTwo() {
    assertThat(CommonPoolSizing.parallelismToSet(1, null)).hasValue(2);
    assertThat(CommonPoolSizing.parallelismToSet(2, null)).hasValue(2);
  }

  @Test
  void largerMachinesKeepTheJdkDefaultWhichAlreadyShares() {
    assertThat(CommonPoolSizing.parallelismToSet(3, null)).isEmpty();
    assertThat(CommonPoolSizing.parallelismToSet(64, null)).isEmpty();
  }

  @Test
  void anOperatorsOwnSettingIsLeftAlone() {
    assertThat(CommonPoolSizing.parallelismToSet(2, "1")).isEmpty();
    assertThat(CommonPoolSizing.parallelismToSet(2, "8")).isEmpty();
  }
}
