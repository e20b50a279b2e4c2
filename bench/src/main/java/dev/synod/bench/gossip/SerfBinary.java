package dev.synod.bench.gossip;

import java.nio.file.Path;
import java.util.Objects;
import java.util.Optional;

/**
 * A serf executable, the version it reports ({@code serf version}) and, when dpkg installed it, the Debian
 * package version: Debian's build of serf 0.9.4 reports itself as 0.8.2-dev, so both are worth printing.
 */
public record SerfBinary(Path path, String version, Optional<String> debianVersion) {
  public SerfBinary {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
    Objects.requireNonNull(debianVersion, "debianVersion");
  }

  /** E.g. {@code serf 0.8.2-dev (Debian package serf 0.9.4~ds1-1+b13) at /usr/bin/serf}. */
  public String describe() {
    return "serf " + version + debianVersion.map(v -> " (Debian package serf " + v + ")").orElse("") + " at " + path;
  }
}
