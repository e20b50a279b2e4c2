package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every command that talks to the cluster: global options, one client, one output. */
abstract class ClientCommand implements Callable<Integer> {
  @Mixin
  GlobalOptions options;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    Output out = new Output(spec.commandLine().getOut(), options.json);
    try (SynodClient client = options.connect(spec)) {
      return run(client, out);
    } finally {
      out.flush();
    }
  }

  /** Runs the command and returns its exit code; failures are thrown. */
  abstract int run(SynodClient client, Output out) throws Exception;
}
