package dev.synod.bench.gossip;

import dev.synod.bench.etcd.LogTail;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;
import java.util.function.IntFunction;
import java.util.stream.IntStream;

/**
 * A ring of member processes of either system: each member's stdout is stamped line by line into one {@link
 * ObservationLog} (and copied to {@code NAME.out}), its stderr goes to {@code NAME.err}, both in the log
 * directory and appended to across rings.
 */
final class MemberProcesses implements GossipRing {
  private static final Duration EXIT_TIMEOUT = Duration.ofSeconds(10);

  /** How to run one system's members. */
  record Launch(String system, List<String> members, IntFunction<List<String>> commandLine,
      List<String> foreignVariablePrefixes, LineParser parser, Path logDir, String documentedSettings) {}

  private final Launch launch;
  private final ObservationLog log = new ObservationLog();
  private final AtomicReferenceArray<Process> processes;
  private final List<LineStamper> stampers = new ArrayList<>();
  private final Thread killOnExit = new Thread(this::killAll, "gossip-ring-kill-on-exit");

  private MemberProcesses(Launch launch) {
    this.launch = launch;
    this.processes = new AtomicReferenceArray<>(launch.members().size());
  }

  /**
   * Starts the members one after another, each once the one before is up, and returns when all are. One at a
   * time, because eight JVMs starting at once on two cores answer the seed so late that scalecube's first sync
   * times out and the member waits a whole syncInterval (30 s in the LAN preset) to try again; serf members
   * are started the same way, though each is up within milliseconds. Nothing is left running on failure.
   */
  static MemberProcesses start(Launch launch, Duration timeout) throws InterruptedException {
    long deadline = System.nanoTime() + timeout.toNanos();
    MemberProcesses ring = new MemberProcesses(launch);
    Runtime.getRuntime().addShutdownHook(ring.killOnExit); // an interrupted benchmark leaves no member behind
    try {
      Files.createDirectories(launch.logDir());
      for (int m = 0; m < launch.members().size(); m++) {
        ring.launch(m);
        ring.awaitReady(IntStream.rangeClosed(0, m).boxed().toList(), deadline, timeout);
      }
      return ring;
    } catch (IOException e) {
      ring.close();
      throw new UncheckedIOException("cannot start " + launch.system() + " members: " + e.getMessage(), e);
    } catch (RuntimeException | InterruptedException e) {
      ring.close();
      throw e;
    }
  }

  @Override
  public List<String> members() {
    return launch.members();
  }

  @Override
  public String settings() {
    return log.snapshot().stream().filter(o -> o.kind() == ObservationKind.SETTINGS).map(Observation::value)
        .findFirst().orElse(launch.documentedSettings());
  }

  @Override
  public ObservationLog observations() {
    return log;
  }

  @Override
  public long kill(int member) throws InterruptedException {
    Process p = Objects.requireNonNull(processes.get(member), "member " + member + " not started");
    long signalled = System.nanoTime();
    p.destroyForcibly(); // SIGKILL on Linux
    if (!p.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS)) {
      throw new IllegalStateException(name(member) + " (pid " + p.pid() + ") still running " + EXIT_TIMEOUT
          + " after SIGKILL");
    }
    return signalled;
  }

  @Override
  public void requireRunning(List<Integer> members) {
    for (int m : members) {
      Process p = processes.get(m);
      if (p == null || !p.isAlive()) {
        throw new IllegalStateException(launch.system() + " member " + name(m) + " is not running"
            + (p == null ? "" : " (exit code " + p.exitValue() + ")") + " (expected: running);" + tails(m));
      }
      IOException failure = stampers.get(m).failure();
      if (failure != null) {
        throw new UncheckedIOException("cannot read the output of " + name(m), failure);
      }
    }
  }

  /** Kills every member at once; the ring is thrown away, so nobody needs to leave gracefully. */
  @Override
  public void close() {
    killAll();
    try {
      for (int m = 0; m < processes.length(); m++) {
        Process p = processes.get(m);
        if (p != null) {
          p.waitFor(EXIT_TIMEOUT.toMillis(), TimeUnit.MILLISECONDS);
        }
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } finally {
      try {
        Runtime.getRuntime().removeShutdownHook(killOnExit);
      } catch (IllegalStateException e) {
        // The JVM is already exiting: the hook runs anyway and finds the members dead.
      }
    }
  }

  private void launch(int member) throws IOException {
    ProcessBuilder builder = new ProcessBuilder(launch.commandLine().apply(member))
        .redirectError(Redirect.appendTo(file(member, ".err").toFile()));
    // Only the command line may configure a member.
    Map<String, String> env = builder.environment();
    env.keySet().removeIf(name -> launch.foreignVariablePrefixes().stream().anyMatch(name::startsWith));
    Process process = builder.start();
    processes.set(member, process);
    process.getOutputStream().close();
    LineStamper stamper = new LineStamper(name(member), process.getInputStream(), file(member, ".out"),
        launch.parser(), log);
    stampers.add(stamper);
    stamper.start(launch.system());
  }

  private void awaitReady(List<Integer> members, long deadline, Duration timeout) throws InterruptedException {
    boolean ready = log.awaitUntil(seen -> {
      requireRunning(members);
      return members.stream().allMatch(m -> seen.stream()
          .anyMatch(o -> o.kind() == ObservationKind.READY && o.observer().equals(name(m))));
    }, deadline);
    if (!ready) {
      List<Observation> seen = log.snapshot();
      int late = members.stream().filter(m -> seen.stream()
          .noneMatch(o -> o.kind() == ObservationKind.READY && o.observer().equals(name(m)))).findFirst().orElseThrow();
      throw new IllegalStateException(launch.system() + " member " + name(late) + " not up within " + timeout
          + " (expected: it prints its ready line);" + tails(late));
    }
  }

  private String tails(int member) {
    return "\n" + file(member, ".out") + ":\n" + LogTail.lastLines(file(member, ".out"), 10)
        + "\n" + file(member, ".err") + ":\n" + LogTail.lastLines(file(member, ".err"), 10);
  }

  private void killAll() {
    for (int m = 0; m < processes.length(); m++) {
      Process p = processes.get(m);
      if (p != null) {
        p.destroyForcibly();
      }
    }
  }

  private String name(int member) {
    return launch.members().get(member);
  }

  private Path file(int member, String suffix) {
    return launch.logDir().resolve(name(member) + suffix);
  }
}
