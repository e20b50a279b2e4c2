package dev.synod.node.process;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** How the real binary sets up its JVM, seen from its start-up log. */
class AgentJvmIT {
  private static final String POOL_LINE = "async stages without an executor run ";

  @TempDir Path work;

  @Test
  void onTwoCoresAsyncStagesShareTheCommonPoolInsteadOfAThreadEach() throws Exception {
    String log = startAndReadPoolLine("-Xss512k -XX:ActiveProcessorCount=2");
    assertThat(log).contains("INFO").contains(POOL_LINE + "on the common pool (parallelism 2)");
  }

  @Test
  void anOperatorsSmallerCommonPoolIsKeptAndWarnedAbout() throws Exception {
    String log = startAndReadPoolLine(
        "-Xss512k -XX:ActiveProcessorCount=2 -Djava.util.concurrent.ForkJoinPool.common.parallelism=1");
    assertThat(log).contains("WARN").contains(POOL_LINE + "on a new thread each (common pool parallelism 1;")
        .contains("common.parallelism=2 or more");
  }

  /** Starts an agent that waits for peers that never come, and returns its log line about the pool. */
  private String startAndReadPoolLine(String javaOpts) throws Exception {
    Path out = work.resolve("out.log");
    Process p = new AgentProcesses(work).start(out, Map.of("SYNOD_JAVA_OPTS", javaOpts), "agent",
        "--node-id", "n1", "--data-dir", work.resolve("d").toString(),
        "--api-port", Integer.toString(AgentProcesses.freePort()),
        "--raft-port", Integer.toString(AgentProcesses.freePort()),
        "--gossip-port", Integer.toString(AgentProcesses.freePort()),
        "--seeds", "127.0.0.1:" + AgentProcesses.freePort(), "--bootstrap-expect", "3",
        "--gossip-preset", "local", "--insecure-dev");
    try {
      await().atMost(Duration.ofSeconds(60)).until(() -> Files.readString(out).contains(POOL_LINE));
      return Files.readAllLines(out).stream().filter(l -> l.contains(POOL_LINE)).findFirst().orElseThrow();
    } finally {
      p.destroy();
      p.waitFor(30, TimeUnit.SECONDS);
    }
  }
}
