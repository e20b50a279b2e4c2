package dev.synod.chaos.suite;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;

class ChaosCombinationsTest {
  @Test
  void longMatrixCoversEveryNonEmptyCombinationOfTheFiveFamilies() {
    var all = ChaosLongIT.combinations(5);
    assertThat(all).hasSize(31).containsKey("partitions").containsKey("partitions+kills+pauses+clocks+membership");
    assertThat(all.get("kills+clocks").get()).extracting(n -> n.name().split("-")[0]).containsOnly("kill", "clock");
    assertThat(ChaosLongIT.combinations(1)).hasSize(5);
  }
}
