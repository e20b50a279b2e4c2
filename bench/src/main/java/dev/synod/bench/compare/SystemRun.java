package dev.synod.bench.compare;

import java.util.List;

/** How one system was run in one mode, as the report must write it down. */
public record SystemRun(String system, Mode mode, String settings, List<String> commandLines) {
  public SystemRun {
    commandLines = List.copyOf(commandLines);
  }
}
