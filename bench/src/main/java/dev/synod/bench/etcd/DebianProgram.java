package dev.synod.bench.etcd;

import java.util.List;
import java.util.Objects;
import java.util.regex.Pattern;

/**
 * A program the benchmark installs from a Debian package when it is missing, and how to recognise it.
 *
 * @param name the executable's name, e.g. {@code etcd}
 * @param debianPackage the package that ships it, e.g. {@code etcd-server}
 * @param expected what the benchmark is built for, for messages, e.g. {@code etcd 3.4}
 * @param versionArgs the arguments that make it print its version, e.g. {@code --version}
 * @param versionPattern finds the version in that output; group 1 is the version
 * @param versionLine the line that output must contain, for messages, e.g. {@code "etcd Version: x.y.z"}
 * @param kind what the executable must be, for messages, e.g. {@code an etcd server binary}
 */
public record DebianProgram(String name, String debianPackage, String expected, List<String> versionArgs,
    Pattern versionPattern, String versionLine, String kind) {

  public DebianProgram {
    Objects.requireNonNull(name, "name");
    Objects.requireNonNull(debianPackage, "debianPackage");
    Objects.requireNonNull(expected, "expected");
    versionArgs = List.copyOf(versionArgs);
    Objects.requireNonNull(versionPattern, "versionPattern");
    Objects.requireNonNull(versionLine, "versionLine");
    Objects.requireNonNull(kind, "kind");
  }

  /** The command to install it by hand, for messages. */
  public String manualInstall() {
    return "sudo apt-get update && sudo apt-get install -y " + debianPackage;
  }
}
