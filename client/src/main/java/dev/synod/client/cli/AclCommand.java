package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;

/** {@code synod acl ...}: bootstrap the ACL system and manage tokens. */
@Command(name = "acl", description = "ACL bootstrap and token commands.",
    subcommands = {AclCommand.Bootstrap.class, AclTokenCommand.class})
final class AclCommand extends GroupCommand {

  @Command(name = "bootstrap", description = "Create the cluster's first admin token (works once per cluster)."
      + " Prints its secret once.")
  static final class Bootstrap extends ClientCommand {
    @Option(names = "--description", paramLabel = "TEXT", description = "Free text stored with the token.")
    String description = "bootstrap admin token";

    @Override
    int run(SynodClient client, Output out) {
      AclOutput.secret(out, "ACLs bootstrapped: admin token created", client.acl().bootstrap(description));
      return ExitCodes.OK;
    }
  }
}
