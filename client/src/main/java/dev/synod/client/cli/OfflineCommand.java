package dev.synod.client.cli;

import java.util.concurrent.Callable;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Base of commands that work on local files only and never contact a cluster. */
abstract class OfflineCommand implements Callable<Integer> {
  @Option(names = "--json", description = "Print the result as one JSON object.")
  boolean json;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    Output out = new Output(spec.commandLine().getOut(), json);
    try {
      return run(out);
    } finally {
      out.flush();
    }
  }

  /** Runs the command and returns its exit code; failures are thrown. */
  abstract int run(Output out) throws Exception;
}
