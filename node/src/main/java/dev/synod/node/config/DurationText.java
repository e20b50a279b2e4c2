package dev.synod.node.config;

import java.time.Duration;
import java.time.format.DateTimeParseException;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** The text form of durations in configuration: {@code 500ms}, {@code 10s}, {@code 2m}, {@code 1h}, {@code 1m30s} or ISO-8601 {@code PT10S}. */
final class DurationText {
  static final String EXAMPLES = "500ms, 10s, 2m, 1h or PT10S";

  private static final Pattern WHOLE = Pattern.compile("(?:[0-9]+(?:ms|s|m|h))+");
  private static final Pattern PART = Pattern.compile("([0-9]+)(ms|s|m|h)");

  private DurationText() {}

  /** Returns the duration, or null if the text is not a non-negative duration in one of the accepted forms. */
  static Duration parse(String text) {
    try {
      if (!text.isEmpty() && (text.charAt(0) == 'P' || text.charAt(0) == 'p')) {
        Duration d = Duration.parse(text);
        return d.isNegative() ? null : d;
      }
      if (!WHOLE.matcher(text).matches()) {
        return null;
      }
      Duration total = Duration.ZERO;
      Matcher part = PART.matcher(text);
      while (part.find()) {
        long n = Long.parseLong(part.group(1));
        total = total.plus(switch (part.group(2)) {
          case "ms" -> Duration.ofMillis(n);
          case "s" -> Duration.ofSeconds(n);
          case "m" -> Duration.ofMinutes(n);
          default -> Duration.ofHours(n);
        });
      }
      return total;
    } catch (DateTimeParseException | ArithmeticException | NumberFormatException e) {
      return null; // garbage or too large to represent
    }
  }

  /** The shortest form that {@link #parse} reads back to the same value. */
  static String format(Duration d) {
    if (d.isZero()) {
      return "0s";
    }
    if (d.isNegative() || d.getNano() % 1_000_000 != 0 || d.getSeconds() > Long.MAX_VALUE / 1000 - 1) {
      return d.toString();
    }
    long ms = d.toMillis();
    if (ms % 3_600_000 == 0) {
      return ms / 3_600_000 + "h";
    }
    if (ms % 60_000 == 0) {
      return ms / 60_000 + "m";
    }
    if (ms % 1000 == 0) {
      return ms / 1000 + "s";
    }
    return ms + "ms";
  }
}
