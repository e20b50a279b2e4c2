package dev.synod.bench.etcd;

import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * Finds etcd, or installs Debian's etcd-server package (etcd 3.4 on bookworm) with apt-get and says so.
 * Nothing is fetched from anywhere but the machine's apt repositories.
 */
public final class EtcdInstaller {
  public static final String PACKAGE = "etcd-server";
  public static final DebianProgram ETCD = new DebianProgram("etcd", PACKAGE, "etcd 3.4", List.of("--version"),
      Pattern.compile("etcd Version:\\s*(\\S+)"), "\"etcd Version: x.y.z\"", "an etcd server binary");
  public static final String MANUAL_INSTALL = ETCD.manualInstall();

  private final DebianPackageInstaller installer;

  EtcdInstaller(ExecutableFinder finder, CommandRunner runner, Path policyRcD, PrintStream out) {
    this.installer = new DebianPackageInstaller(ETCD, finder, runner, policyRcD, out);
  }

  /** Looks on PATH and in the standard directories; reports what it does to {@code out}. */
  public static EtcdInstaller system(PrintStream out) {
    return new EtcdInstaller(ExecutableFinder.system(), new ProcessCommandRunner(), DebianPackageInstaller.POLICY_RC_D,
        out);
  }

  /** The etcd on this machine, if any. */
  public Optional<EtcdBinary> find() throws InterruptedException {
    return installer.find().map(EtcdInstaller::binary);
  }

  /**
   * The etcd on this machine, installed first with {@code apt-get install -y etcd-server} when absent
   * (after {@code apt-get update} when the package lists do not know the package yet).
   *
   * @throws IllegalStateException when apt-get is missing or fails; the message has the command to run by hand
   */
  public EtcdBinary findOrInstall() throws InterruptedException {
    return binary(installer.findOrInstall());
  }

  private static EtcdBinary binary(InstalledProgram program) {
    return new EtcdBinary(program.path(), program.version());
  }
}
