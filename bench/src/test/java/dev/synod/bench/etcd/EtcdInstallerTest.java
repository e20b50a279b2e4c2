package dev.synod.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdInstallerTest {
  private static final String VERSION_OUTPUT = "etcd Version: 3.4.23\nGit SHA: Not provided\nGo Version: go1.19.8\n";

  @TempDir
  Path dir;

  private final Map<String, Path> programs = new HashMap<>();
  private final List<String> commands = new ArrayList<>();
  private final List<Boolean> policyPresentAtInstall = new ArrayList<>();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();
  private String aptCachePolicy = "etcd-server:\n  Installed: (none)\n  Candidate: (none)\n";
  private int installExitCode;

  /** Answers like the real tools; a successful install puts etcd where the finder looks. */
  private final CommandRunner runner = (command, env, timeout) -> {
    String line = String.join(" ", command);
    commands.add(line);
    if (line.startsWith("/usr/bin/apt-get")) {
      assertThat(env).containsEntry("DEBIAN_FRONTEND", "noninteractive");
    }
    if (line.endsWith("--version")) {
      return new CommandRunner.Result(0, VERSION_OUTPUT);
    }
    if (line.startsWith("/usr/bin/apt-cache policy")) {
      return new CommandRunner.Result(0, aptCachePolicy);
    }
    if (line.contains(" install ")) {
      policyPresentAtInstall.add(Files.exists(policyRcD()));
      if (installExitCode != 0) {
        return new CommandRunner.Result(installExitCode, "Reading package lists...\nE: Could not open lock file");
      }
      programs.put("etcd", Path.of("/usr/bin/etcd"));
    }
    return new CommandRunner.Result(0, "");
  };

  private EtcdInstaller installer() {
    return new EtcdInstaller(name -> Optional.ofNullable(programs.get(name)), runner, policyRcD(),
        new PrintStream(printed, true, StandardCharsets.UTF_8));
  }

  private Path policyRcD() {
    return dir.resolve("policy-rc.d");
  }

  private String printed() {
    return printed.toString(StandardCharsets.UTF_8);
  }

  private void aptAvailable() {
    programs.put("apt-get", Path.of("/usr/bin/apt-get"));
    programs.put("apt-cache", Path.of("/usr/bin/apt-cache"));
  }

  @Test
  void anInstalledEtcdIsUsedAsItIs() throws Exception {
    programs.put("etcd", Path.of("/opt/etcd/etcd"));
    aptAvailable();

    assertThat(installer().findOrInstall()).isEqualTo(new EtcdBinary(Path.of("/opt/etcd/etcd"), "3.4.23"));
    assertThat(commands).containsExactly("/opt/etcd/etcd --version");
    assertThat(printed()).isEmpty();
  }

  @Test
  void aMissingEtcdIsInstalledAfterAnUpdateWhenThePackageListsDoNotKnowIt() throws Exception {
    aptAvailable();

    assertThat(installer().findOrInstall().version()).isEqualTo("3.4.23");
    assertThat(commands).containsExactly(
        "/usr/bin/apt-cache policy etcd-server",
        "/usr/bin/apt-get -o DPkg::Lock::Timeout=300 update",
        "/usr/bin/apt-get -o DPkg::Lock::Timeout=300 install -y etcd-server",
        "/usr/bin/etcd --version");
    assertThat(printed()).contains("installing Debian package etcd-server with apt-get", "running apt-get update",
        "installed etcd 3.4.23 at /usr/bin/etcd");
    // dpkg was forbidden to start the system service during the install, and the guard is gone afterwards.
    assertThat(policyPresentAtInstall).containsExactly(true);
    assertThat(policyRcD()).doesNotExist();
  }

  @Test
  void aKnownPackageNeedsNoUpdateAndAnExistingPolicyIsLeftAlone() throws Exception {
    aptAvailable();
    aptCachePolicy = "etcd-server:\n  Installed: (none)\n  Candidate: 3.4.23-4+b4\n";
    Files.writeString(policyRcD(), "#!/bin/sh\nexit 101\n");

    installer().findOrInstall();

    assertThat(commands).noneMatch(c -> c.endsWith(" update"));
    assertThat(policyRcD()).hasContent("#!/bin/sh\nexit 101");
    assertThat(printed()).contains("keeping the existing " + policyRcD());
  }

  @Test
  void withoutAptGetTheErrorSaysHowToInstallByHand() {
    assertThatThrownBy(() -> installer().findOrInstall())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("apt-get is not available")
        .hasMessageContaining(EtcdInstaller.MANUAL_INSTALL);
    assertThat(commands).isEmpty();
  }

  @Test
  void aFailedInstallNamesTheCommandItsExitCodeAndItsOutput() {
    aptAvailable();
    installExitCode = 100;

    assertThatThrownBy(() -> installer().findOrInstall())
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("`/usr/bin/apt-get -o DPkg::Lock::Timeout=300 install -y etcd-server` failed with exit code 100")
        .hasMessageContaining("E: Could not open lock file")
        .hasMessageContaining(EtcdInstaller.MANUAL_INSTALL);
    assertThat(policyRcD()).doesNotExist();
  }

  @Test
  void aProgramThatIsNotEtcdIsRefused() {
    programs.put("etcd", Path.of("/usr/local/bin/etcd"));
    CommandRunner notEtcd = (command, env, timeout) -> new CommandRunner.Result(0, "usage: something else\n");
    EtcdInstaller installer = new EtcdInstaller(name -> Optional.ofNullable(programs.get(name)), notEtcd, policyRcD(),
        new PrintStream(printed, true, StandardCharsets.UTF_8));

    assertThatThrownBy(installer::findOrInstall)
        .hasMessageContaining("/usr/local/bin/etcd --version exited with 0 and printed no \"etcd Version: x.y.z\" line")
        .hasMessageContaining("usage: something else");
  }

  @Test
  void theFinderSearchesPathThenTheStandardDirectories(@TempDir Path bin) throws Exception {
    Path tool = Files.createFile(bin.resolve("sometool"));
    assertThat(ExecutableFinder.search(bin.toString(), "sometool")).isEmpty();
    assertThat(tool.toFile().setExecutable(true)).isTrue();
    assertThat(ExecutableFinder.search("/nonexistent:" + bin, "sometool")).contains(tool);
    assertThat(ExecutableFinder.search(null, "sh")).isPresent();
  }
}
