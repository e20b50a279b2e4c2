package dev.synod.bench.gossip;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.lang.ProcessBuilder.Redirect;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

/**
 * Load that competes with the gossip members for CPU: one busy-loop process per core ({@code sh} spinning on
 * its {@code :} builtin), separate OS processes at the members' own priority, killed on {@link #close()}.
 */
public final class CpuContention implements AutoCloseable {
  private static final List<String> BUSY_LOOP = List.of("/bin/sh", "-c", "while :; do :; done");

  private final List<Process> loops;

  private CpuContention(List<Process> loops) {
    this.loops = loops;
  }

  /** One busy loop per core the JVM sees. */
  public static CpuContention start() {
    return start(Runtime.getRuntime().availableProcessors());
  }

  public static CpuContention start(int processes) {
    if (processes < 1 || processes > 1024) {
      throw new IllegalArgumentException("processes: " + processes + " (expected: 1..1024)");
    }
    List<Process> loops = new ArrayList<>();
    try {
      for (int i = 0; i < processes; i++) {
        loops.add(new ProcessBuilder(BUSY_LOOP).redirectOutput(Redirect.DISCARD).redirectError(Redirect.DISCARD)
            .start());
      }
    } catch (IOException e) {
      loops.forEach(Process::destroyForcibly);
      throw new UncheckedIOException("cannot start a busy loop (" + String.join(" ", BUSY_LOOP) + ")", e);
    }
    return new CpuContention(List.copyOf(loops));
  }

  public int processes() {
    return loops.size();
  }

  /** Whether every busy loop is still spinning. */
  public boolean running() {
    return loops.stream().allMatch(Process::isAlive);
  }

  @Override
  public void close() {
    loops.forEach(Process::destroyForcibly);
    try {
      for (Process p : loops) {
        p.waitFor(10, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
