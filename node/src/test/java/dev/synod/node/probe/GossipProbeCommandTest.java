package dev.synod.node.probe;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.node.SynodMain;
import java.io.PrintWriter;
import java.io.StringWriter;
import org.junit.jupiter.api.Test;
import picocli.CommandLine;

class GossipProbeCommandTest {
  private final StringWriter out = new StringWriter();
  private final StringWriter err = new StringWriter();

  private CommandLine synod() {
    CommandLine cli = SynodMain.commandLine();
    cli.setOut(new PrintWriter(out, true));
    cli.setErr(new PrintWriter(err, true));
    return cli;
  }

  @Test
  void theProbeIsASubcommandHiddenFromTheHelp() {
    CommandLine synod = synod();
    assertThat(synod.getSubcommands()).containsKey("gossip-probe");
    assertThat(synod.getUsageMessage()).contains("agent").doesNotContain("gossip-probe");
  }

  @Test
  void itTakesTheAgentsFlagsWithTheAgentsChecks() {
    int code = synod().execute("gossip-probe", "--node-id", "n1", "--data-dir", "/tmp/unused", "--insecure-dev",
        "--gossip-preset", "wan");
    assertThat(code).isEqualTo(2);
    assertThat(err.toString()).startsWith("error: ").contains("gossip-preset").contains("wan");
  }

  @Test
  void itsHelpSaysWhatItPrints() {
    assertThat(synod().execute("gossip-probe", "--help")).isZero();
    assertThat(out.toString()).contains("Usage: synod gossip-probe").contains("one line per membership event");
  }
}
