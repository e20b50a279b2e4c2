package dev.synod.node.config;

import java.math.BigInteger;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.Locale;
import java.util.stream.Collectors;

/** The type of a setting: how its text (or YAML value) is read, and how it is named in errors and docs. */
public enum ValueType {
  TEXT("text", "<text>"),
  INTEGER("integer", "<int>"),
  BOOLEAN("true or false", "<bool>"),
  DURATION("duration such as " + DurationText.EXAMPLES, "<duration>"),
  PATH("path", "<path>"),
  HOST_PORT_LIST("host:port list", "<host:port,...>"),
  GOSSIP_PRESET(choices(GossipPreset.values()), "<local|lan>"),
  LOG_LEVEL(choices(LogLevel.values()), "<level>");

  private final String expected;
  private final String paramLabel;

  ValueType(String expected, String paramLabel) {
    this.expected = expected;
    this.paramLabel = paramLabel;
  }

  /** What a valid value looks like, as used in {@code (expected: ...)}. */
  public String expected() {
    return expected;
  }

  /** The placeholder shown in {@code --help}. */
  public String paramLabel() {
    return paramLabel;
  }

  /**
   * Whether a YAML scalar is read as written rather than as YAML 1.1 would type it: {@code node-id: 010} stays
   * "010" (not octal 8), {@code lease-grace: 1:30} stays "1:30" (not 90), {@code log-level: off} stays "off"
   * (not false). Only integers and booleans use YAML's typing.
   */
  boolean takesRawScalar() {
    return this != INTEGER && this != BOOLEAN;
  }

  /**
   * Converts a value from a variable, a flag (always text) or YAML (text, number, boolean or list) to the
   * type the builder takes: String, Long, Boolean, Duration, Path, List&lt;String&gt; or an enum.
   */
  Object convert(ConfigKey key, Object raw) {
    Object value = switch (this) {
      case TEXT -> raw instanceof String ? raw : null;
      case INTEGER -> integer(raw);
      case BOOLEAN -> bool(raw);
      case DURATION -> raw instanceof String s ? DurationText.parse(s) : null;
      case PATH -> path(raw);
      case HOST_PORT_LIST -> hostPorts(raw);
      case GOSSIP_PRESET -> choice(raw, GossipPreset.values());
      case LOG_LEVEL -> choice(raw, LogLevel.values());
    };
    if (value == null) {
      boolean negative = this == DURATION && raw instanceof String s && s.startsWith("-");
      throw ConfigException.invalid(key, raw, negative ? "duration >= 0 such as " + DurationText.EXAMPLES : expected);
    }
    return value;
  }

  private static Long integer(Object raw) {
    if (raw instanceof Integer || raw instanceof Long) {
      return ((Number) raw).longValue();
    }
    if (raw instanceof BigInteger || !(raw instanceof String s)) {
      return null;
    }
    try {
      return Long.parseLong(s);
    } catch (NumberFormatException e) {
      return null;
    }
  }

  private static Boolean bool(Object raw) {
    if (raw instanceof Boolean b) {
      return b;
    }
    if (raw instanceof String s && (s.equalsIgnoreCase("true") || s.equalsIgnoreCase("false"))) {
      return Boolean.parseBoolean(s);
    }
    return null;
  }

  private static Path path(Object raw) {
    if (!(raw instanceof String s) || s.isBlank()) {
      return null;
    }
    try {
      return Path.of(s);
    } catch (InvalidPathException e) {
      return null;
    }
  }

  /** A comma-separated string or a YAML list; each entry is checked as host:port when the config is built. */
  private static List<String> hostPorts(Object raw) {
    if (raw instanceof String s) {
      return s.isBlank() ? List.of() : Arrays.stream(s.split(",", -1)).map(String::trim).toList();
    }
    if (raw instanceof List<?> list) {
      List<String> out = new ArrayList<>();
      for (Object item : list) {
        if (!(item instanceof String s)) {
          return null;
        }
        out.add(s.trim());
      }
      return List.copyOf(out);
    }
    return null;
  }

  private static <E extends Enum<E>> E choice(Object raw, E[] values) {
    if (raw instanceof String s) {
      for (E e : values) {
        if (e.name().equalsIgnoreCase(s)) {
          return e;
        }
      }
    }
    return null;
  }

  private static String choices(Enum<?>[] values) {
    return "one of " + Arrays.stream(values).map(e -> e.name().toLowerCase(Locale.ROOT)).collect(Collectors.joining(", "));
  }
}
