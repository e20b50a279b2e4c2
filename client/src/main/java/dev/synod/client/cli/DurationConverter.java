package dev.synod.client.cli;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import picocli.CommandLine.ITypeConverter;
import picocli.CommandLine.TypeConversionException;

/** Parses {@code 500ms}, {@code 5s}, {@code 2m}, {@code 1h}, {@code 7d} or ISO-8601 ({@code PT5S}); must be > 0. */
final class DurationConverter implements ITypeConverter<Duration> {
  static final String EXPECTED = "expected: a positive duration such as 500ms, 5s, 2m, 1h, 7d or PT5S";
  private static final Pattern SIMPLE = Pattern.compile("(\\d{1,9})(ms|s|m|h|d)");

  @Override
  public Duration convert(String value) {
    Duration d = parse(value);
    if (d == null || d.isZero() || d.isNegative()) {
      throw new TypeConversionException("'" + value + "' (" + EXPECTED + ")");
    }
    return d;
  }

  private static Duration parse(String value) {
    Matcher m = SIMPLE.matcher(value.trim());
    if (m.matches()) {
      long n = Long.parseLong(m.group(1));
      return switch (m.group(2)) {
        case "ms" -> Duration.ofMillis(n);
        case "s" -> Duration.ofSeconds(n);
        case "m" -> Duration.ofMinutes(n);
        case "h" -> Duration.ofHours(n);
        default -> Duration.ofDays(n);
      };
    }
    try {
      return Duration.parse(value.trim());
    } catch (DateTimeParseException e) {
      return null;
    }
  }
}
