package dev.synod.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.management.ManagementFactory;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;

/**
 * The machine a run measured, as the report must name it: cores, memory, CPU, OS, JDK and the file
 * system the data directories were on. Read from the JVM and /proc; what cannot be read says so.
 */
public record MachineInfo(int cores, long memoryBytes, String cpu, String os, String jdk, String disk) {
  static final String UNKNOWN = "unknown";

  public static MachineInfo current(Path dataDir) {
    Runtime rt = Runtime.getRuntime();
    return new MachineInfo(rt.availableProcessors(), totalMemory(), cpuModel(), operatingSystem(),
        System.getProperty("java.vm.name") + " " + System.getProperty("java.runtime.version"), disk(dataDir));
  }

  public String memory() {
    return memoryBytes <= 0 ? UNKNOWN : String.format(java.util.Locale.ROOT, "%.1f GiB", memoryBytes / (double) (1L << 30));
  }

  /** One line: {@code 2 cores (model), 23.5 GiB, Debian ..., OpenJDK 17..., ext4 on /dev/...}. */
  @Override
  public String toString() {
    return cores + " cores (" + cpu + "), " + memory() + " RAM, " + os + ", " + jdk + ", data on " + disk;
  }

  private static long totalMemory() {
    if (ManagementFactory.getOperatingSystemMXBean() instanceof com.sun.management.OperatingSystemMXBean os) {
      return os.getTotalMemorySize();
    }
    return -1;
  }

  private static String cpuModel() {
    return valueOrUnknown(Path.of("/proc/cpuinfo"), "model name");
  }

  private static String operatingSystem() {
    return valueOrUnknown(Path.of("/etc/os-release"), "PRETTY_NAME").replace("\"", "") + ", "
        + System.getProperty("os.name") + " " + System.getProperty("os.version");
  }

  /** A missing file is not an error here: the report then says what it could not read. */
  private static String valueOrUnknown(Path file, String key) {
    try {
      return firstValue(file, key).orElse(UNKNOWN + " (no " + key + " in " + file + ")");
    } catch (IOException e) {
      return UNKNOWN + " (" + file + ": " + e + ")";
    }
  }

  private static String disk(Path dataDir) {
    try {
      return DataFileSystem.describe(dataDir);
    } catch (UncheckedIOException e) {
      return UNKNOWN + " (" + e.getMessage() + ")";
    }
  }

  /** The value of the first {@code key: value} or {@code key=value} line of a file. */
  static Optional<String> firstValue(Path file, String key) throws IOException {
    for (String line : Files.readAllLines(file)) {
      int sep = line.indexOf(line.startsWith(key + "=") ? '=' : ':');
      if (line.startsWith(key) && sep > 0 && line.substring(0, sep).trim().equals(key)) {
        return Optional.of(line.substring(sep + 1).trim());
      }
    }
    return Optional.empty();
  }
}
