package dev.synod.bench.etcd;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * An etcd cluster of real processes on 127.0.0.1, started from {@link EtcdSettings}. Each member logs
 * to its own file (appended to across restarts). Every method that waits has a deadline.
 * {@link #close} stops the members; their data directories stay for the caller to inspect or delete.
 */
public final class EtcdCluster implements AutoCloseable {
  public static final Duration START_TIMEOUT = Duration.ofSeconds(30);
  public static final Duration LEADER_TIMEOUT = Duration.ofSeconds(15);
  private static final Duration STOP_TIMEOUT = Duration.ofSeconds(10);

  private final EtcdSettings settings;
  /** Written by launches, read by the kill-on-exit hook's thread too. */
  private final AtomicReferenceArray<Process> processes;
  private final EtcdProbe probe;
  private final LeaderWait leaderWait;
  private final Thread killOnExit;

  private EtcdCluster(EtcdSettings settings) {
    this.settings = settings;
    this.processes = new AtomicReferenceArray<>(settings.members());
    this.probe = new EtcdProbe(settings);
    this.leaderWait = new LeaderWait(settings, probe, this::alive, this::processState);
    // An interrupted benchmark must not leave etcd members running with the ports taken.
    this.killOnExit = new Thread(this::killAll, "etcd-cluster-kill-on-exit");
    Runtime.getRuntime().addShutdownHook(killOnExit);
  }

  /** Starts every member and waits until all answer and follow one leader; on failure nothing is left running. */
  public static EtcdCluster start(EtcdSettings settings) throws InterruptedException {
    FreePorts.require(settings);
    EtcdCluster cluster = new EtcdCluster(settings);
    try {
      Files.createDirectories(settings.baseDir());
      for (int m = 0; m < settings.members(); m++) {
        cluster.launch(m);
      }
      cluster.leaderWait.await(true, START_TIMEOUT);
      return cluster;
    } catch (IOException e) {
      cluster.close();
      throw new UncheckedIOException("cannot start etcd under " + settings.baseDir() + ": " + e.getMessage(), e);
    } catch (RuntimeException | InterruptedException e) {
      cluster.close();
      throw e;
    }
  }

  public EtcdSettings settings() {
    return settings;
  }

  /** Each member's exact command line, as a shell would run it: for the report. */
  public List<String> commandLines() {
    List<String> lines = new ArrayList<>();
    for (int m = 0; m < settings.members(); m++) {
      lines.add(EtcdCommandLine.shellLine(EtcdCommandLine.of(settings, m)));
    }
    return lines;
  }

  /** The leader's member index, once the running members agree on a running leader. */
  public int leader(Duration timeout) throws InterruptedException {
    return leaderWait.await(false, timeout);
  }

  /** The leader, waiting up to {@link #LEADER_TIMEOUT}: many election timeouts of 1 s. */
  public int leader() throws InterruptedException {
    return leader(LEADER_TIMEOUT);
  }

  /** The leader's process id: what a failover measurement kills. */
  public long leaderPid() throws InterruptedException {
    return pid(leader());
  }

  public long pid(int member) {
    return process(member).pid();
  }

  public boolean alive(int member) {
    Process p = processes.get(Objects.checkIndex(member, processes.length()));
    return p != null && p.isAlive();
  }

  /** SIGKILL (what {@link Process#destroyForcibly} sends on Linux): no chance to hand off leadership. Waits for the exit. */
  public void kill(int member) throws InterruptedException {
    Process p = process(member);
    p.destroyForcibly();
    if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(EtcdSettings.memberName(member) + " (pid " + p.pid()
          + ") still running " + STOP_TIMEOUT + " after SIGKILL");
    }
  }

  /** Starts a stopped member again on its data directory and waits until every member follows one leader. */
  public void restart(int member) throws InterruptedException {
    if (alive(member)) {
      throw new IllegalStateException(EtcdSettings.memberName(member) + " (pid " + pid(member)
          + ") is running (expected: stopped, e.g. by kill, before restart)");
    }
    try {
      launch(member);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot restart " + EtcdSettings.memberName(member) + ": " + e.getMessage(), e);
    }
    leaderWait.await(true, START_TIMEOUT);
  }

  /**
   * Stops the members one after another: SIGTERM, and SIGKILL for one still running after
   * {@link #STOP_TIMEOUT}. One at a time, because a leader that gets SIGTERM hands leadership to a
   * peer first, and waits 7 s (etcd's request timeout) when every peer is stopping at the same time.
   * When interrupted, kills the rest at once and keeps the interrupt for the caller.
   */
  @Override
  public void close() {
    try {
      for (int m = 0; m < processes.length(); m++) {
        Process p = processes.get(m);
        if (p != null && p.isAlive()) {
          p.destroy();
          if (!p.waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
            p.destroyForcibly().waitFor(STOP_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
          }
        }
      }
    } catch (InterruptedException e) {
      killAll();
      Thread.currentThread().interrupt();
    } finally {
      probe.close();
      removeShutdownHook();
    }
  }

  private void launch(int member) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(EtcdCommandLine.of(settings, member))
        .redirectErrorStream(true)
        .redirectOutput(Redirect.appendTo(settings.logFile(member).toFile()));
    // etcd reads ETCD_* variables as flags; only the command line may configure the benchmark's cluster.
    builder.environment().keySet().removeIf(name -> name.startsWith("ETCD_"));
    processes.set(member, builder.start());
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

  private String processState(int member) {
    Process p = processes.get(member);
    if (p == null) {
      return "not started";
    }
    return p.isAlive() ? "running, pid " + p.pid() : "exited with code " + p.exitValue() + ", pid " + p.pid();
  }

  private Process process(int member) {
    Process p = processes.get(Objects.checkIndex(member, processes.length()));
    if (p == null) {
      throw new IllegalStateException(EtcdSettings.memberName(member) + ": not started");
    }
    return p;
  }
}
