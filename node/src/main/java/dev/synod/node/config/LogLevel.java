package dev.synod.node.config;

import java.util.Locale;

/** The agent's log level. */
public enum LogLevel {
  TRACE,
  DEBUG,
  INFO,
  WARN,
  ERROR;

  /** The name used in YAML, variables and flags. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
