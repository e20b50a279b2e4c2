package dev.synod.bench.cli;

import picocli.CommandLine;
import picocli.CommandLine.Command;

/**
 * {@code synod-bench}: the load generator and the side-by-side runs against etcd and serf. Also
 * reached as {@code synod bench} from the node distribution's launcher.
 */
@Command(name = "synod-bench", mixinStandardHelpOptions = true, version = "synod-bench 0.1.0",
    description = "Benchmarks Synod, alone or side by side with etcd 3.4 and serf.",
    subcommands = {LoadCommand.class, CompareCommand.class, FailoverCommand.class, GossipCommand.class,
        AllCommand.class, JmhCommand.class})
public final class BenchMain implements Runnable {
  @CommandLine.Spec
  CommandLine.Model.CommandSpec spec;

  public static void main(String[] args) {
    System.exit(commandLine().execute(args));
  }

  static CommandLine commandLine() {
    CommandLine cl = new CommandLine(new BenchMain());
    cl.setExecutionExceptionHandler((e, line, parsed) -> {
      if (e instanceof IllegalArgumentException) {
        line.getErr().println("error: " + OptionNames.rewrite(e.getMessage()));
        return 2;
      }
      throw e;
    });
    return cl;
  }

  @Override
  public void run() {
    throw new CommandLine.ParameterException(spec.commandLine(),
        "a subcommand is required (expected one of: " + String.join(", ", spec.subcommands().keySet()) + ")");
  }
}
