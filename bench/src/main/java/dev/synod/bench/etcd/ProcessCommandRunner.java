package dev.synod.bench.etcd;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.concurrent.TimeUnit;

/** Runs commands as child processes; output goes through a temp file so a chatty command never blocks on a full pipe. */
public final class ProcessCommandRunner implements CommandRunner {

  @Override
  public Result run(List<String> command, Map<String, String> extraEnv, Duration timeout)
      throws IOException, InterruptedException {
    Path output = Files.createTempFile("synod-bench-cmd-", ".log");
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true).redirectOutput(output.toFile());
      builder.environment().putAll(extraEnv);
      Process process = builder.start();
      if (!process.waitFor(timeout.toMillis(), TimeUnit.MILLISECONDS)) {
        process.destroyForcibly().waitFor();
        throw new IOException("command " + String.join(" ", command) + " did not finish within " + timeout
            + "; output so far:\n" + LogTail.lastLines(read(output), 15));
      }
      return new Result(process.exitValue(), read(output));
    } finally {
      Files.deleteIfExists(output);
    }
  }

  private static String read(Path output) throws IOException {
    return Files.readString(output, StandardCharsets.UTF_8);
  }
}
