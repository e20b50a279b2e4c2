package dev.synod.bench.etcd;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Keeps dpkg from starting the system service that a package ships (etcd-server's etcd on port 2379,
 * serf's agent on 7946), so installing it leaves no daemon behind. Debian's invoke-rc.d and
 * deb-systemd-invoke both ask {@code /usr/sbin/policy-rc.d} before starting a service, and its exit
 * code 101 means "forbidden".
 * When no policy-rc.d exists, one is written for the install and removed afterwards; an existing one
 * (Debian container images ship one that forbids everything) is left alone. The benchmark's clusters
 * use their own ports either way, so a system service, if one runs, neither helps nor disturbs them.
 */
final class ServiceStartGuard implements AutoCloseable {
  static final String DENY_ALL = "#!/bin/sh\n"
      + "# Written by the Synod benchmark while it installs a Debian package, and removed afterwards:\n"
      + "# 101 forbids dpkg to start services, so the package's system service does not start.\n"
      + "exit 101\n";

  private final Path file;
  private final boolean created;

  private ServiceStartGuard(Path file, boolean created) {
    this.file = file;
    this.created = created;
  }

  /** @param program what is being installed, for messages, e.g. {@code etcd} */
  static ServiceStartGuard engage(Path policyRcD, String program, PrintStream out) throws IOException {
    if (Files.exists(policyRcD)) {
      out.println(program + " install: keeping the existing " + policyRcD + ", which decides whether dpkg starts a"
          + " system " + program + " service (the benchmark uses its own ports either way)");
      return new ServiceStartGuard(policyRcD, false);
    }
    Files.writeString(policyRcD, DENY_ALL);
    Files.setPosixFilePermissions(policyRcD, PosixFilePermissions.fromString("rwxr-xr-x"));
    out.println(program + " install: wrote a temporary " + policyRcD + " (exit 101) so dpkg starts no system "
        + program + " service");
    return new ServiceStartGuard(policyRcD, true);
  }

  boolean created() {
    return created;
  }

  @Override
  public void close() throws IOException {
    if (created) {
      Files.deleteIfExists(file);
    }
  }
}
