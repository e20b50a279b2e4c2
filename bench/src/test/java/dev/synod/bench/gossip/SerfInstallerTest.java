package dev.synod.bench.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.bench.etcd.CommandRunner;
import dev.synod.bench.etcd.DebianPackageInstaller;
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

class SerfInstallerTest {
  @TempDir
  Path dir;

  private final Map<String, Path> programs = new HashMap<>();
  private final List<String> commands = new ArrayList<>();
  private final List<Boolean> guardedInstalls = new ArrayList<>();
  private final ByteArrayOutputStream printed = new ByteArrayOutputStream();

  /** Answers as Debian bookworm does; an install puts serf where the finder looks. */
  private final CommandRunner runner = (command, env, timeout) -> {
    String line = String.join(" ", command);
    commands.add(line);
    if (line.equals("/usr/bin/serf version")) {
      return new CommandRunner.Result(0, "0.8.2-dev\nAgent Protocol: 5 (Understands back to: 2)\n");
    }
    if (line.startsWith("/usr/bin/apt-cache policy")) {
      return new CommandRunner.Result(0, "serf:\n  Installed: (none)\n  Candidate: 0.9.4~ds1-1+b13\n");
    }
    if (line.endsWith("install -y serf")) {
      guardedInstalls.add(Files.exists(policyRcD()));
      programs.put("serf", Path.of("/usr/bin/serf"));
    }
    if (line.equals("dpkg-query -S /usr/bin/serf")) {
      return new CommandRunner.Result(0, "serf: /usr/bin/serf\n");
    }
    if (line.equals("dpkg-query -W -f=${Version} serf")) {
      return new CommandRunner.Result(0, "0.9.4~ds1-1+b13");
    }
    return new CommandRunner.Result(0, "");
  };

  private Path policyRcD() {
    return dir.resolve("policy-rc.d");
  }

  private SerfInstaller installer() {
    return new SerfInstaller(new DebianPackageInstaller(SerfInstaller.SERF, name -> Optional.ofNullable(programs.get(name)),
        runner, policyRcD(), new PrintStream(printed, true, StandardCharsets.UTF_8)), runner);
  }

  @Test
  void aMissingSerfIsInstalledWithoutStartingItsServiceAndBothVersionsAreReported() throws Exception {
    programs.put("apt-get", Path.of("/usr/bin/apt-get"));
    programs.put("apt-cache", Path.of("/usr/bin/apt-cache"));

    SerfBinary serf = installer().findOrInstall();

    assertThat(serf).isEqualTo(new SerfBinary(Path.of("/usr/bin/serf"), "0.8.2-dev", Optional.of("0.9.4~ds1-1+b13")));
    assertThat(serf.describe()).isEqualTo("serf 0.8.2-dev (Debian package serf 0.9.4~ds1-1+b13) at /usr/bin/serf");
    assertThat(commands).contains("/usr/bin/apt-get -o DPkg::Lock::Timeout=300 install -y serf")
        .noneMatch(c -> c.endsWith(" update"));
    assertThat(guardedInstalls).containsExactly(true);
    assertThat(policyRcD()).doesNotExist();
    assertThat(printed.toString(StandardCharsets.UTF_8))
        .contains("serf: not found on PATH", "installing Debian package serf with apt-get",
            "so dpkg starts no system serf service", "serf install: installed serf 0.8.2-dev at /usr/bin/serf");
  }

  @Test
  void aSerfThatDpkgDoesNotKnowHasNoDebianVersion() throws Exception {
    programs.put("serf", Path.of("/usr/local/bin/serf"));
    CommandRunner upstream = (command, env, timeout) -> command.get(0).equals("dpkg-query")
        ? new CommandRunner.Result(1, "dpkg-query: no path found matching pattern /usr/local/bin/serf\n")
        : new CommandRunner.Result(0, "Serf v0.10.1\nAgent Protocol: 5 (Understands back to: 2)\n");
    SerfInstaller installer = new SerfInstaller(new DebianPackageInstaller(SerfInstaller.SERF,
        name -> Optional.ofNullable(programs.get(name)), upstream, policyRcD(),
        new PrintStream(printed, true, StandardCharsets.UTF_8)), upstream);

    assertThat(installer.findOrInstall()).isEqualTo(
        new SerfBinary(Path.of("/usr/local/bin/serf"), "0.10.1", Optional.empty()));
    assertThat(printed.toString(StandardCharsets.UTF_8)).isEmpty();
  }
}
