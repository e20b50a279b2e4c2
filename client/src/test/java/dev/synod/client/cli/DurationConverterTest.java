package dev.synod.client.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine.TypeConversionException;

/** Pins the accepted duration forms of {@code --timeout}. */
class DurationConverterTest {
  private final DurationConverter c = new DurationConverter();

  @Test
  void acceptsShortFormsAndIso8601() {
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("5s")).isEqualTo(Duration.ofSeconds(5));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("1h")).isEqualTo(Duration.ofHours(1));
    assertThat(c.convert("1825d")).isEqualTo(Duration.ofDays(1825));
    assertThat(c.convert("PT1.5S")).isEqualTo(Duration.ofMillis(1500));
  }

  @Test
  void rejectsGarbageZeroAndNegativeNamingTheValue() {
    for (String bad : new String[] {"5x", "", "0s", "-5s", "PT-1S", "s"}) {
      assertThatThrownBy(() -> c.convert(bad)).as(bad).isInstanceOf(TypeConversionException.class)
          .hasMessage("'" + bad + "' (" + DurationConverter.EXPECTED + ")");
    }
  }
}
