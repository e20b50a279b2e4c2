package dev.synod.node.probe;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.LoggerContext;
import dev.synod.node.config.AgentCommand;
import dev.synod.node.config.AgentConfig;
import java.util.Map;
import java.util.concurrent.CountDownLatch;
import org.slf4j.LoggerFactory;
import picocli.CommandLine;

/**
 * {@code synod gossip-probe}: a {@link GossipProbe} in its own process, for the gossip benchmark. It takes
 * exactly the agent's settings (flags, SYNOD_* variables, --config), read by the agent's own loader, so that
 * the gossip it runs is the agent's; settings that only concern Raft or the API are accepted and unused. It
 * is hidden from {@code synod --help}: it is a measuring instrument, not a way to run a node.
 */
public final class GossipProbeCommand {
  public static final String NAME = "gossip-probe";

  private GossipProbeCommand() {}

  /** The hidden subcommand, reading {@code env} as the agent does. */
  public static CommandLine commandLine(Map<String, String> env) {
    CommandLine cli = new CommandLine(new AgentCommand(GossipProbeCommand::run, env));
    cli.getCommandSpec().name(NAME).usageMessage().hidden(true).description(
        "Joins the gossip ring with the agent's gossip settings and TLS, without Raft or the API, and prints one"
            + " line per membership event and suspicion on stdout (for the gossip benchmark).",
        "Takes the agent's settings; data-dir is required as for the agent but left untouched.");
    return cli;
  }

  /** Runs until SIGTERM or SIGINT, then leaves the ring gracefully. */
  static int run(AgentConfig config) {
    if (LoggerFactory.getILoggerFactory() instanceof LoggerContext context) {
      context.getLogger(org.slf4j.Logger.ROOT_LOGGER_NAME)
          .setLevel(Level.toLevel(config.logLevel().configName(), Level.INFO));
    }
    if (config.security().insecureDev()) {
      System.err.println("warning: gossip-probe " + config.nodeId() + " gossips IN PLAINTEXT (insecure-dev)");
    }
    GossipProbe probe;
    try {
      probe = GossipProbe.start(config, ProbeOutput.printingTo(System.out));
    } catch (RuntimeException e) {
      // Bad TLS files or a taken port: the message names it.
      System.err.println("error: " + e.getMessage());
      return 1;
    }
    CountDownLatch stopped = new CountDownLatch(1);
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      probe.close();
      stopped.countDown();
    }, "gossip-probe-shutdown"));
    try {
      stopped.await();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
    return 0;
  }
}
