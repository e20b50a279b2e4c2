package dev.synod.node;

import dev.synod.client.cli.SynodCli;
import dev.synod.node.config.AgentCommand;
import dev.synod.node.probe.GossipProbeCommand;
import picocli.CommandLine;

/** Entry point of the `synod` binary: the operator CLI plus the `agent` subcommand. */
public final class SynodMain {
  private SynodMain() {}

  public static void main(String[] args) {
    CommonPoolSizing.apply(); // before anything uses ForkJoinPool, which reads the setting once
    System.exit(commandLine().execute(args));
  }

  public static CommandLine commandLine() {
    CommandLine cli = SynodCli.commandLine();
    cli.addSubcommand("agent", new AgentCommand(AgentLauncher::run, System.getenv()));
    cli.addSubcommand(GossipProbeCommand.NAME, GossipProbeCommand.commandLine(System.getenv()));
    return cli;
  }
}
