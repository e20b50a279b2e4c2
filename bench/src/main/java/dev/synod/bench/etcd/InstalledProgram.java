package dev.synod.bench.etcd;

import java.nio.file.Path;
import java.util.Objects;

/** An executable found on this machine and the version it reports. */
public record InstalledProgram(Path path, String version) {
  public InstalledProgram {
    Objects.requireNonNull(path, "path");
    Objects.requireNonNull(version, "version");
  }
}
