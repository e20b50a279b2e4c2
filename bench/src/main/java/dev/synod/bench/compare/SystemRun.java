package dev.synod.bench.compare;

import java.util.List;

/**
 * How one system was run in one mode, as the report must write it down.
 *
 * @param warmup how the cluster was warmed up, and how busy its JIT compilers were (JVM-based systems)
 */
public record SystemRun(String system, Mode mode, String settings, List<String> commandLines, String warmup) {
  public SystemRun {
    commandLines = List.copyOf(commandLines);
  }
}
