package dev.synod.node.config;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;

class DurationTextTest {
  @Test
  void readsUnitsCombinationsAndIso8601() {
    assertThat(DurationText.parse("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(DurationText.parse("10s")).isEqualTo(Duration.ofSeconds(10));
    assertThat(DurationText.parse("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(DurationText.parse("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(DurationText.parse("1m30s")).isEqualTo(Duration.ofSeconds(90));
    assertThat(DurationText.parse("0s")).isZero();
    assertThat(DurationText.parse("PT10S")).isEqualTo(Duration.ofSeconds(10));
    assertThat(DurationText.parse("pt0.25s")).isEqualTo(Duration.ofMillis(250));
  }

  @ParameterizedTest
  @ValueSource(strings = {"", "10", "-5s", "PT-5S", "-PT5S", "5 s", "1.5s", "soon", "10sec", "s", "99999999999999999999h",
      "9223372036854775807h"})
  void rejectsNegativeGarbageAndOverflow(String text) {
    assertThat(DurationText.parse(text)).isNull();
  }

  @Test
  void formatsInTheShortestFormThatReadsBack() {
    assertThat(DurationText.format(Duration.ofMillis(500))).isEqualTo("500ms");
    assertThat(DurationText.format(Duration.ofSeconds(90))).isEqualTo("90s");
    assertThat(DurationText.format(Duration.ofMinutes(120))).isEqualTo("2h");
    assertThat(DurationText.format(Duration.ZERO)).isEqualTo("0s");
    assertThat(DurationText.format(Duration.ofNanos(1500))).isEqualTo("PT0.0000015S");
    for (Duration d : new Duration[] {Duration.ofMillis(1), Duration.ofMillis(61_001), Duration.ofHours(50), Duration.ofNanos(7)}) {
      assertThat(DurationText.parse(DurationText.format(d))).isEqualTo(d);
    }
  }
}
