package dev.synod.bench.synod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Stream;

/** The version of a Synod distribution, read from the name of its node jar ({@code lib/synod-node-0.1.0.jar}). */
final class DistributionVersion {
  private static final Pattern NODE_JAR = Pattern.compile("synod-node-(.+)\\.jar");

  private DistributionVersion() {}

  /** The version, or {@code "(unknown version)"} for a distribution without a node jar (a test double). */
  static String of(Path distribution) {
    return find(distribution.resolve("lib")).orElse("(unknown version)");
  }

  private static Optional<String> find(Path lib) {
    if (!Files.isDirectory(lib)) {
      return Optional.empty();
    }
    try (Stream<Path> jars = Files.list(lib)) {
      return jars.map(jar -> NODE_JAR.matcher(jar.getFileName().toString()))
          .filter(Matcher::matches)
          .map(m -> m.group(1))
          .findFirst();
    } catch (IOException e) {
      throw new UncheckedIOException("cannot list " + lib, e);
    }
  }
}
