package dev.synod.bench.gossip;

import dev.synod.bench.etcd.CommandRunner;
import dev.synod.bench.etcd.DebianPackageInstaller;
import dev.synod.bench.etcd.DebianProgram;
import dev.synod.bench.etcd.ExecutableFinder;
import dev.synod.bench.etcd.InstalledProgram;
import dev.synod.bench.etcd.ProcessCommandRunner;
import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds serf, or installs Debian's serf package with apt-get and says so; the package's own serf service is
 * kept from starting. Nothing is fetched from anywhere but the machine's apt repositories.
 */
public final class SerfInstaller {
  public static final DebianProgram SERF = new DebianProgram("serf", "serf", "HashiCorp serf 0.9",
      List.of("version"), Pattern.compile("(?m)^(?:Serf v)?(\\d+\\.\\d+\\.\\d+\\S*)"), "\"x.y.z\" version",
      "HashiCorp's serf agent");

  private static final Duration DPKG_TIMEOUT = Duration.ofSeconds(30);

  private final DebianPackageInstaller installer;
  private final CommandRunner runner;

  SerfInstaller(DebianPackageInstaller installer, CommandRunner runner) {
    this.installer = installer;
    this.runner = runner;
  }

  /** Looks on PATH and in the standard directories; reports what it does to {@code out}. */
  public static SerfInstaller system(PrintStream out) {
    CommandRunner runner = new ProcessCommandRunner();
    return new SerfInstaller(new DebianPackageInstaller(SERF, ExecutableFinder.system(), runner,
        DebianPackageInstaller.POLICY_RC_D, out), runner);
  }

  /**
   * The serf on this machine, installed first with {@code apt-get install -y serf} when absent.
   *
   * @throws IllegalStateException when apt-get is missing or fails; the message has the command to run by hand
   */
  public SerfBinary findOrInstall() throws InterruptedException {
    InstalledProgram serf = installer.findOrInstall();
    return new SerfBinary(serf.path(), serf.version(), debianVersion(serf.path()));
  }

  /** The version of the Debian package that owns {@code serf}; empty when dpkg does not know it. */
  private Optional<String> debianVersion(Path serf) throws InterruptedException {
    try {
      CommandRunner.Result owner = runner.run(List.of("dpkg-query", "-S", serf.toString()), Map.of(), DPKG_TIMEOUT);
      if (!owner.ok() || !owner.output().startsWith(SERF.debianPackage() + ":")) {
        return Optional.empty();
      }
      CommandRunner.Result version = runner.run(
          List.of("dpkg-query", "-W", "-f=${Version}", SERF.debianPackage()), Map.of(), DPKG_TIMEOUT);
      return version.ok() && !version.output().isBlank() ? Optional.of(version.output().strip()) : Optional.empty();
    } catch (IOException e) {
      // Only decoration for the report: a machine without dpkg still runs the benchmark.
      return Optional.empty();
    }
  }
}
