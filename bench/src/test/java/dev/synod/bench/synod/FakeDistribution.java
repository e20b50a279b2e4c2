package dev.synod.bench.synod;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/** A directory shaped like the Synod distribution, whose bin/synod is a shell script of the test's choosing. */
final class FakeDistribution {
  private FakeDistribution() {}

  /** bin/synod runs {@code script} (a POSIX shell body); lib/ holds an empty node jar of {@code version}. */
  static Path create(Path dir, String script, String version) throws IOException {
    Path bin = Files.createDirectories(dir.resolve("bin"));
    Path launcher = Files.writeString(bin.resolve("synod"), "#!/bin/sh\n" + script + "\n");
    Files.setPosixFilePermissions(launcher, PosixFilePermissions.fromString("rwxr-xr-x"));
    Files.createFile(Files.createDirectories(dir.resolve("lib")).resolve("synod-node-" + version + ".jar"));
    return dir;
  }
}
