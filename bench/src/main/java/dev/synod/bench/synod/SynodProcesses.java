package dev.synod.bench.synod;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.time.Duration;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * The agent processes of one cluster: launch, SIGKILL, and a stop for all. A shutdown hook kills
 * whatever still runs when the JVM exits, so an interrupted benchmark leaves no agent holding the ports.
 */
final class SynodProcesses {
  /** An agent's SIGTERM hands off leadership, drains calls (up to 10 s by default) and leaves gossip. */
  static final Duration STOP_TIMEOUT = Duration.ofSeconds(20);

  private final SynodSettings settings;
  /** Written by launches, read by the kill-on-exit hook's thread too. */
  private final AtomicReferenceArray<Process> processes;
  private final Thread killOnExit;

  SynodProcesses(SynodSettings settings) {
    this.settings = settings;
    this.processes = new AtomicReferenceArray<>(settings.members());
    this.killOnExit = new Thread(this::killAll, "synod-cluster-kill-on-exit");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  void launch(int member) {
    try {
      Files.createDirectories(settings.memberDir(member));
      ProcessBuilder builder = new ProcessBuilder(SynodCommandLine.of(settings, member))
          .redirectErrorStream(true)
          .redirectOutput(Redirect.appendTo(settings.logFile(member).toFile()));
      Map<String, String> env = builder.environment();
      // The agent reads SYNOD_* variables as settings (and rejects unknown ones), and the JVM reads these
      // two as flags: only the command line may configure the benchmark's cluster.
      env.keySet().removeIf(name -> name.startsWith("SYNOD_") || name.equals("JDK_JAVA_OPTIONS")
          || name.equals("JAVA_TOOL_OPTIONS"));
      env.putAll(SynodCommandLine.environment());
      // The launcher runs `java` from PATH without JAVA_HOME; this JVM is known to be new enough.
      env.putIfAbsent("JAVA_HOME", System.getProperty("java.home"));
      processes.set(member, builder.start());
    } catch (IOException e) {
      throw new UncheckedIOException("cannot start " + SynodSettings.memberName(member) + " from "
          + settings.launcher() + ": " + e.getMessage(), e);
    }
  }

  boolean alive(int member) {
    Process p = processes.get(Objects.checkIndex(member, processes.length()));
    return p != null && p.isAlive();
  }

  long pid(int member) {
    return process(member).pid();
  }

  /** SIGKILL (what {@link Process#destroyForcibly} sends on Linux); waits for the exit. */
  void kill(int member) throws InterruptedException {
    Process p = process(member);
    p.destroyForcibly();
    if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(SynodSettings.memberName(member) + " (pid " + p.pid()
          + ") still running " + STOP_TIMEOUT + " after SIGKILL");
    }
  }

  /**
   * SIGTERM to every member at once, then SIGKILL to any still running after {@link #STOP_TIMEOUT}.
   * When interrupted, kills the rest at once and keeps the interrupt for the caller.
   */
  void stopAll() {
    try {
      for (int m = 0; m < processes.length(); m++) {
        Process p = processes.get(m);
        if (p != null && p.isAlive()) {
          p.destroy();
        }
      }
      long deadline = System.nanoTime() + STOP_TIMEOUT.toNanos();
      for (int m = 0; m < processes.length(); m++) {
        Process p = processes.get(m);
        if (p != null && !p.waitFor(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)) {
          p.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      killAll();
      Thread.currentThread().interrupt();
    } finally {
      removeShutdownHook();
    }
  }

  /** For error messages: running or exited, with the pid. */
  String state(int member) {
    Process p = processes.get(member);
    if (p == null) {
      return "not started";
    }
    return p.isAlive() ? "running, pid " + p.pid() : "exited with code " + p.exitValue() + ", pid " + p.pid();
  }

  private void killAll() {
    for (int m = 0; m < processes.length(); m++) {
      Process p = processes.get(m);
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }

  private void removeShutdownHook() {
    try {
      Runtime.getRuntime().removeShutdownHook(killOnExit);
    } catch (IllegalStateException e) {
      // The JVM is already exiting: the hook runs anyway and finds the members stopped.
    }
  }

  private Process process(int member) {
    Process p = processes.get(Objects.checkIndex(member, processes.length()));
    if (p == null) {
      throw new IllegalStateException(SynodSettings.memberName(member) + ": not started");
    }
    return p;
  }
}
