package dev.synod.bench.etcd;

import java.io.IOException;
import java.time.Duration;
import java.util.List;
import java.util.Map;

/** Runs an external command to completion. A seam, so the installer's decisions are testable without apt-get. */
public interface CommandRunner {

  /**
   * @param extraEnv variables added to (or overriding) the JVM's environment
   * @throws IOException when the command cannot be started or does not finish within {@code timeout}
   */
  Result run(List<String> command, Map<String, String> extraEnv, Duration timeout)
      throws IOException, InterruptedException;

  /** The exit code and the command's stdout and stderr, interleaved. */
  record Result(int exitCode, String output) {
    public boolean ok() {
      return exitCode == 0;
    }

    /** The last lines of the output: enough to see why a command failed, without pages of apt-get progress. */
    public String tail() {
      return LogTail.lastLines(output, 15);
    }
  }
}
