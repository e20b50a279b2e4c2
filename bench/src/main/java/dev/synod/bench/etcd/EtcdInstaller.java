package dev.synod.bench.etcd;

import java.io.IOException;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * Finds etcd, or installs Debian's etcd-server package (etcd 3.4 on bookworm) with apt-get and says so.
 * Nothing is fetched from anywhere but the machine's apt repositories.
 */
public final class EtcdInstaller {
  public static final String PACKAGE = "etcd-server";
  public static final String MANUAL_INSTALL = "sudo apt-get update && sudo apt-get install -y " + PACKAGE;
  static final Path POLICY_RC_D = Path.of("/usr/sbin/policy-rc.d");

  private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern VERSION = Pattern.compile("etcd Version:\\s*(\\S+)");
  private static final Pattern CANDIDATE = Pattern.compile("Candidate:\\s*(\\S+)");
  /** Another apt or dpkg run may hold the lock for a while; wait for it rather than fail at once. */
  private static final List<String> LOCK_WAIT = List.of("-o", "DPkg::Lock::Timeout=300");
  private static final Map<String, String> APT_ENV = Map.of("DEBIAN_FRONTEND", "noninteractive");

  private final ExecutableFinder finder;
  private final CommandRunner runner;
  private final Path policyRcD;
  private final PrintStream out;

  EtcdInstaller(ExecutableFinder finder, CommandRunner runner, Path policyRcD, PrintStream out) {
    this.finder = finder;
    this.runner = runner;
    this.policyRcD = policyRcD;
    this.out = out;
  }

  /** Looks on PATH and in the standard directories; reports what it does to {@code out}. */
  public static EtcdInstaller system(PrintStream out) {
    return new EtcdInstaller(ExecutableFinder.system(), new ProcessCommandRunner(), POLICY_RC_D, out);
  }

  /** The etcd on this machine, if any. */
  public Optional<EtcdBinary> find() throws InterruptedException {
    Optional<Path> path = finder.find("etcd");
    return path.isEmpty() ? Optional.empty() : Optional.of(describe(path.get()));
  }

  /**
   * The etcd on this machine, installed first with {@code apt-get install -y etcd-server} when absent
   * (after {@code apt-get update} when the package lists do not know the package yet).
   *
   * @throws IllegalStateException when apt-get is missing or fails; the message has the command to run by hand
   */
  @SuppressWarnings("try") // the guard only has to be open while apt-get runs
  public EtcdBinary findOrInstall() throws InterruptedException {
    Optional<EtcdBinary> found = find();
    if (found.isPresent()) {
      return found.get();
    }
    Path aptGet = finder.find("apt-get").orElseThrow(() -> new IllegalStateException(
        "etcd: not found on PATH or in " + ExecutableFinder.STANDARD_DIRS + ", and apt-get is not available to install"
            + " it (expected: etcd 3.4 from Debian's " + PACKAGE + " package); install it by hand, e.g. " + MANUAL_INSTALL));
    out.println("etcd: not found on PATH or in " + ExecutableFinder.STANDARD_DIRS
        + "; installing Debian package " + PACKAGE + " with apt-get");
    if (!packageKnown()) {
      out.println("etcd install: the package lists do not know " + PACKAGE + " yet; running apt-get update");
      apt(aptGet, "update");
    }
    try (ServiceStartGuard guard = ServiceStartGuard.engage(policyRcD, out)) {
      apt(aptGet, "install", "-y", PACKAGE);
    } catch (IOException e) {
      throw new IllegalStateException("etcd install: cannot write or remove " + policyRcD + ": " + e
          + "; install etcd by hand: " + MANUAL_INSTALL, e);
    }
    EtcdBinary installed = find().orElseThrow(() -> new IllegalStateException("etcd install: apt-get installed "
        + PACKAGE + " but no etcd is on PATH or in " + ExecutableFinder.STANDARD_DIRS + " (expected: /usr/bin/etcd)"));
    out.println("etcd install: installed etcd " + installed.version() + " at " + installed.path());
    return installed;
  }

  /** Whether apt has a candidate version of the package; unknown (no apt-cache) counts as no. */
  private boolean packageKnown() throws InterruptedException {
    Optional<Path> aptCache = finder.find("apt-cache");
    if (aptCache.isEmpty()) {
      return false;
    }
    try {
      CommandRunner.Result policy = runner.run(List.of(aptCache.get().toString(), "policy", PACKAGE), APT_ENV, APT_TIMEOUT);
      Matcher m = CANDIDATE.matcher(policy.output());
      return policy.ok() && m.find() && !m.group(1).equals("(none)");
    } catch (IOException e) {
      // Only a hint: apt-get update then runs, and its own failure, if any, is the one reported.
      return false;
    }
  }

  private void apt(Path aptGet, String... args) throws InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(aptGet.toString());
    command.addAll(LOCK_WAIT);
    command.addAll(List.of(args));
    String shown = String.join(" ", command);
    CommandRunner.Result result;
    try {
      result = runner.run(command, APT_ENV, APT_TIMEOUT);
    } catch (IOException e) {
      throw new IllegalStateException("etcd install: `" + shown + "` could not run: " + e.getMessage()
          + "; install etcd by hand: " + MANUAL_INSTALL, e);
    }
    if (!result.ok()) {
      throw new IllegalStateException("etcd install: `" + shown + "` failed with exit code " + result.exitCode()
          + " (expected: 0; running as root?); install etcd by hand: " + MANUAL_INSTALL + "\n" + result.tail());
    }
  }

  private EtcdBinary describe(Path etcd) throws InterruptedException {
    CommandRunner.Result result;
    try {
      result = runner.run(List.of(etcd.toString(), "--version"), Map.of(), VERSION_TIMEOUT);
    } catch (IOException e) {
      throw new IllegalStateException("etcd: " + etcd + " --version could not run: " + e.getMessage(), e);
    }
    Matcher m = VERSION.matcher(result.output());
    if (!result.ok() || !m.find()) {
      throw new IllegalStateException("etcd: " + etcd + " --version exited with " + result.exitCode()
          + " and printed no \"etcd Version: x.y.z\" line (expected: an etcd server binary):\n" + result.tail());
    }
    return new EtcdBinary(etcd, m.group(1));
  }
}
