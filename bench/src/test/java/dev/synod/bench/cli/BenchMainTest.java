package dev.synod.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.PrintWriter;
import java.io.StringWriter;
import dev.synod.bench.compare.JitSettle;
import java.time.Duration;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class BenchMainTest {
  private final StringWriter err = new StringWriter();
  private final StringWriter out = new StringWriter();

  private int run(String... args) {
    CommandLine cl = BenchMain.commandLine();
    cl.setErr(new PrintWriter(err, true));
    cl.setOut(new PrintWriter(out, true));
    return cl.execute(args);
  }

  @Test
  void badWorkloadSettingsNameTheFlagTheValueAndTheLimit() {
    assertThat(run("compare", "--clients", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("error: --clients: 0 (expected: 1..4096)");
    assertThat(run("compare", "--jit-quiet-rate", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("error: --jit-quiet-rate: 0.0 (expected: > 0 and <= 4.0");
    assertThat(run("all", "--jit-settle-round", "0s")).isEqualTo(2);
    assertThat(err.toString()).contains("error: --jit-settle-round: PT0S (expected: > 0)");
  }

  @Test
  void theJitSettlingFlagsDefaultToThePlansDefaults() {
    for (Object command : new Object[] {new CompareCommand(), new AllCommand()}) {
      new CommandLine(command).parseArgs();
      JitSettleOptions jit = command instanceof CompareCommand c ? c.jit : ((AllCommand) command).jit;
      assertThat(jit.settle()).isEqualTo(JitSettle.DEFAULT);
    }
  }

  @Test
  void unknownModeOrScenarioIsAUsageError() {
    assertThat(run("compare", "--modes", "ssl")).isEqualTo(2);
    assertThat(err.toString()).contains("mode: 'ssl' (expected: tls or plaintext)");
    assertThat(run("compare", "--scenarios", "p9")).isEqualTo(2);
    assertThat(err.toString()).contains("scenario: 'p9' (expected one of: p1-writes");
  }

  @Test
  void loadNeedsExactlyOneTransportAndAKnownSystem() {
    assertThat(run("load", "--endpoints", "127.0.0.1:1", "--duration", "1s")).isEqualTo(2);
    assertThat(err.toString()).contains("--ca-file and --insecure-dev: neither given (expected: exactly one)");
    assertThat(run("load", "--endpoints", "127.0.0.1:1", "--insecure-dev", "--system", "consul")).isEqualTo(2);
    assertThat(err.toString()).contains("--system: 'consul' (expected: synod or etcd)");
    assertThat(run("load", "--endpoints", "127.0.0.1:1", "--insecure-dev", "--keys", "0")).isEqualTo(2);
    assertThat(err.toString()).contains("error: --keys: 0 (expected: 1..");
  }

  @Test
  void etcdEndpointsMustBeUrls() {
    assertThat(run("load", "--system", "etcd", "--endpoints", "127.0.0.1:2379", "--insecure-dev")).isEqualTo(2);
    assertThat(err.toString()).contains("--endpoints: '127.0.0.1:2379' (expected: an etcd client URL");
  }

  @Test
  void durationsAcceptUnitsAndRejectGarbage() {
    DurationConverter c = new DurationConverter();
    assertThat(c.convert("500ms")).isEqualTo(Duration.ofMillis(500));
    assertThat(c.convert("2m")).isEqualTo(Duration.ofMinutes(2));
    assertThat(c.convert("PT1S")).isEqualTo(Duration.ofSeconds(1));
    assertThat(run("compare", "--duration", "ten")).isEqualTo(2);
    assertThat(err.toString()).contains("'ten' (expected: a duration such as 500ms, 30s, 2m, 1h or PT30S)");
  }

  @Test
  void withoutASubcommandItListsThem() {
    assertThat(run()).isEqualTo(2);
    assertThat(err.toString()).contains("a subcommand is required (expected one of: load, compare, failover, gossip, all, jmh");
  }
}
