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
 * Finds a program, or installs its Debian package with apt-get and says so; no system service of the package
 * starts (see {@link ServiceStartGuard}). Nothing is fetched from anywhere but the machine's apt repositories.
 */
public final class DebianPackageInstaller {
  public static final Path POLICY_RC_D = Path.of("/usr/sbin/policy-rc.d");

  private static final Duration APT_TIMEOUT = Duration.ofMinutes(10);
  private static final Duration VERSION_TIMEOUT = Duration.ofSeconds(30);
  private static final Pattern CANDIDATE = Pattern.compile("Candidate:\\s*(\\S+)");
  /** Another apt or dpkg run may hold the lock for a while; wait for it rather than fail at once. */
  private static final List<String> LOCK_WAIT = List.of("-o", "DPkg::Lock::Timeout=300");
  private static final Map<String, String> APT_ENV = Map.of("DEBIAN_FRONTEND", "noninteractive");

  private final DebianProgram program;
  private final ExecutableFinder finder;
  private final CommandRunner runner;
  private final Path policyRcD;
  private final PrintStream out;

  public DebianPackageInstaller(DebianProgram program, ExecutableFinder finder, CommandRunner runner, Path policyRcD,
      PrintStream out) {
    this.program = program;
    this.finder = finder;
    this.runner = runner;
    this.policyRcD = policyRcD;
    this.out = out;
  }

  /** Looks on PATH and in the standard directories, runs the real apt-get; reports what it does to {@code out}. */
  public static DebianPackageInstaller system(DebianProgram program, PrintStream out) {
    return new DebianPackageInstaller(program, ExecutableFinder.system(), new ProcessCommandRunner(), POLICY_RC_D, out);
  }

  /** The program on this machine, if any. */
  public Optional<InstalledProgram> find() throws InterruptedException {
    Optional<Path> path = finder.find(program.name());
    return path.isEmpty() ? Optional.empty() : Optional.of(describe(path.get()));
  }

  /**
   * The program on this machine, installed first with {@code apt-get install -y PACKAGE} when absent (after
   * {@code apt-get update} when the package lists do not know the package yet).
   *
   * @throws IllegalStateException when apt-get is missing or fails; the message has the command to run by hand
   */
  @SuppressWarnings("try") // the guard only has to be open while apt-get runs
  public InstalledProgram findOrInstall() throws InterruptedException {
    Optional<InstalledProgram> found = find();
    if (found.isPresent()) {
      return found.get();
    }
    String name = program.name();
    String pkg = program.debianPackage();
    Path aptGet = finder.find("apt-get").orElseThrow(() -> new IllegalStateException(
        name + ": not found on PATH or in " + ExecutableFinder.STANDARD_DIRS + ", and apt-get is not available to"
            + " install it (expected: " + program.expected() + " from Debian's " + pkg + " package); install it by"
            + " hand, e.g. " + program.manualInstall()));
    out.println(name + ": not found on PATH or in " + ExecutableFinder.STANDARD_DIRS
        + "; installing Debian package " + pkg + " with apt-get");
    if (!packageKnown()) {
      out.println(name + " install: the package lists do not know " + pkg + " yet; running apt-get update");
      apt(aptGet, "update");
    }
    try (ServiceStartGuard guard = ServiceStartGuard.engage(policyRcD, name, out)) {
      apt(aptGet, "install", "-y", pkg);
    } catch (IOException e) {
      throw new IllegalStateException(name + " install: cannot write or remove " + policyRcD + ": " + e
          + "; install " + name + " by hand: " + program.manualInstall(), e);
    }
    InstalledProgram installed = find().orElseThrow(() -> new IllegalStateException(name + " install: apt-get"
        + " installed " + pkg + " but no " + name + " is on PATH or in " + ExecutableFinder.STANDARD_DIRS
        + " (expected: /usr/bin/" + name + ")"));
    out.println(name + " install: installed " + name + " " + installed.version() + " at " + installed.path());
    return installed;
  }

  /** Whether apt has a candidate version of the package; unknown (no apt-cache) counts as no. */
  private boolean packageKnown() throws InterruptedException {
    Optional<Path> aptCache = finder.find("apt-cache");
    if (aptCache.isEmpty()) {
      return false;
    }
    try {
      CommandRunner.Result policy = runner.run(
          List.of(aptCache.get().toString(), "policy", program.debianPackage()), APT_ENV, APT_TIMEOUT);
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
      throw new IllegalStateException(program.name() + " install: `" + shown + "` could not run: " + e.getMessage()
          + "; install " + program.name() + " by hand: " + program.manualInstall(), e);
    }
    if (!result.ok()) {
      throw new IllegalStateException(program.name() + " install: `" + shown + "` failed with exit code "
          + result.exitCode() + " (expected: 0; running as root?); install " + program.name() + " by hand: "
          + program.manualInstall() + "\n" + result.tail());
    }
  }

  private InstalledProgram describe(Path executable) throws InterruptedException {
    List<String> command = new ArrayList<>();
    command.add(executable.toString());
    command.addAll(program.versionArgs());
    String shown = String.join(" ", command);
    CommandRunner.Result result;
    try {
      result = runner.run(command, Map.of(), VERSION_TIMEOUT);
    } catch (IOException e) {
      throw new IllegalStateException(program.name() + ": " + shown + " could not run: " + e.getMessage(), e);
    }
    Matcher m = program.versionPattern().matcher(result.output());
    if (!result.ok() || !m.find()) {
      throw new IllegalStateException(program.name() + ": " + shown + " exited with " + result.exitCode()
          + " and printed no " + program.versionLine() + " line (expected: " + program.kind() + "):\n"
          + result.tail());
    }
    return new InstalledProgram(executable, m.group(1));
  }
}
