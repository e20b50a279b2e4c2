package dev.synod.node.validation;

import com.google.protobuf.ByteString;
import java.nio.charset.StandardCharsets;
import java.util.Optional;
import java.util.regex.Pattern;

/** Small checks whose messages name the field, the value and the limit. */
final class Limits {
  private Limits() {}

  static Optional<String> bytesAtMost(String field, ByteString value, int max) {
    return value.size() <= max ? Optional.empty()
        : Optional.of(field + ": " + value.size() + " bytes (expected: <= " + max + ")");
  }

  static Optional<String> textAtMost(String field, String value, int maxBytes) {
    int size = value.getBytes(StandardCharsets.UTF_8).length;
    return size <= maxBytes ? Optional.empty()
        : Optional.of(field + ": " + size + " bytes (expected: <= " + maxBytes + ")");
  }

  static Optional<String> between(String field, long value, long min, long max) {
    return value >= min && value <= max ? Optional.empty()
        : Optional.of(field + ": " + value + " (expected: " + min + ".." + max + ")");
  }

  static Optional<String> matches(String field, String value, Pattern pattern, boolean emptyAllowed) {
    if (value.isEmpty() && emptyAllowed) {
      return Optional.empty();
    }
    String shown = value.length() > 70 ? value.substring(0, 64) + "..." : value;
    return pattern.matcher(value).matches() ? Optional.empty()
        : Optional.of(field + ": \"" + shown + "\" (expected: " + pattern.pattern() + ")");
  }

  static Optional<String> countAtMost(String field, int count, int max) {
    return count <= max ? Optional.empty()
        : Optional.of(field + ": " + count + " entries (expected: <= " + max + ")");
  }

  @SafeVarargs
  static Optional<String> first(Optional<String>... checks) {
    for (Optional<String> c : checks) {
      if (c.isPresent()) {
        return c;
      }
    }
    return Optional.empty();
  }
}
