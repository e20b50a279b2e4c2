package dev.synod.node.config;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;

/** A configuration that cannot be accepted. The message names the setting, the value and the limit. */
public final class ConfigException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final ConfigKey key;

  public ConfigException(String message) {
    this(message, null);
  }

  ConfigException(String message, ConfigKey key) {
    super(message);
    this.key = key;
  }

  /** The setting this error is about, if it is about one. */
  public Optional<ConfigKey> key() {
    return Optional.ofNullable(key);
  }

  /** {@code api-port: 70000 (expected: 1..65535)}. */
  static ConfigException invalid(ConfigKey key, Object value, String expected) {
    return new ConfigException(key.yamlKey() + ": " + show(value) + " (expected: " + expected + ")", key);
  }

  /** The same error, saying where the value came from (a file and line, a variable or a flag). */
  ConfigException from(String source) {
    return new ConfigException(getMessage() + ", from " + source, key);
  }

  /** Renders a value the way a user would write it; text is quoted so that stray spaces show. */
  static String show(Object value) {
    if (value instanceof String s) {
      return quote(s);
    }
    if (value instanceof java.util.Optional<?> o) {
      return o.map(ConfigException::show).orElse("none");
    }
    if (value instanceof Path p) {
      return quote(p.toString());
    }
    if (value instanceof Duration d) {
      return DurationText.format(d);
    }
    if (value instanceof List<?> list) {
      return list.stream().map(ConfigException::show).collect(Collectors.joining(", ", "[", "]"));
    }
    if (value instanceof Enum<?> e) {
      return e.name().toLowerCase(java.util.Locale.ROOT);
    }
    return String.valueOf(value);
  }

  static String quote(String s) {
    StringBuilder out = new StringBuilder(s.length() + 2).append('"');
    for (int i = 0; i < s.length(); i++) {
      char c = s.charAt(i);
      switch (c) {
        case '"' -> out.append("\\\"");
        case '\\' -> out.append("\\\\");
        case '\n' -> out.append("\\n");
        case '\t' -> out.append("\\t");
        case '\r' -> out.append("\\r");
        default -> {
          if (c < 0x20 || c == 0x7f) {
            out.append(String.format("\\u%04x", (int) c));
          } else {
            out.append(c);
          }
        }
      }
    }
    return out.append('"').toString();
  }
}
