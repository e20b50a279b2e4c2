package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import dev.synod.security.tls.TlsCredentials;
import java.util.concurrent.Callable;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Base of every command that talks to the cluster: global and credential options, one client, one output. */
abstract class ClientCommand implements Callable<Integer> {
  @Mixin
  GlobalOptions options;

  @Mixin
  CredentialOptions credentials;

  @Spec
  CommandSpec spec;

  @Override
  public final Integer call() throws Exception {
    Output out = new Output(spec.commandLine().getOut(), options.json);
    SynodClient.Builder builder = options.builder(spec);
    String clusterId = ClusterIds.validate(spec, options.clusterId);
    // Resources close in reverse: the client first, then the credentials its channels used.
    try (TlsCredentials tls = credentials.apply(builder, clusterId, spec); SynodClient client = builder.build()) {
      return run(client, out);
    } finally {
      out.flush();
    }
  }

  /** Runs the command and returns its exit code; failures are thrown. */
  abstract int run(SynodClient client, Output out) throws Exception;
}
