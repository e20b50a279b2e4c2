package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.ListTokensResponse;
import dev.synod.security.identity.Role;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Parameters;

/** {@code synod acl token ...}: create, list, revoke and rotate ACL tokens. */
@Command(name = "token", description = "ACL token commands.",
    subcommands = {AclTokenCommand.Create.class, AclTokenCommand.ListTokens.class, AclTokenCommand.Revoke.class,
        AclTokenCommand.Rotate.class})
final class AclTokenCommand extends GroupCommand {

  @Command(name = "create", description = "Create a token for a role. Prints its secret once.")
  static final class Create extends ClientCommand {
    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "admin, operator, client, file-server, worker or edge.")
    String role;

    @Option(names = "--description", paramLabel = "TEXT", description = "Free text stored with the token.")
    String description = "";

    @Option(names = "--ttl", paramLabel = "DURATION", converter = DurationConverter.class,
        description = "Lifetime, e.g. 24h or 30d (default: never expires).")
    Duration ttl = Duration.ZERO;

    @Override
    int run(SynodClient client, Output out) {
      AclOutput.secret(out, "token created", client.acl().create(role(), description, ttl));
      return ExitCodes.OK;
    }

    private Role role() {
      Role r;
      try {
        r = Role.parse("--role", role);
      } catch (IllegalArgumentException e) {
        throw new ParameterException(spec.commandLine(), e.getMessage());
      }
      if (r == Role.SERVER) {
        throw new ParameterException(spec.commandLine(), "--role: \"server\" (expected: any role but server;"
            + " servers authenticate with certificates)");
      }
      return r;
    }
  }

  @Command(name = "list", description = "List active tokens (never their secrets).")
  static final class ListTokens extends ClientCommand {
    @Override
    int run(SynodClient client, Output out) {
      List<AclToken> tokens = client.acl().list();
      if (out.json()) {
        out.json(ListTokensResponse.newBuilder().addAllTokens(tokens));
      } else {
        out.table(AclOutput.table(tokens));
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "revoke", description = "Revoke a token at once; its secret is refused from then on.")
  static final class Revoke extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ACCESSOR", description = "The token's accessor id.")
    String accessor;

    @Override
    int run(SynodClient client, Output out) {
      client.acl().revoke(accessor);
      if (out.json()) {
        out.json(Map.of("revoked", accessor));
      } else {
        out.line("token " + accessor + " revoked");
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "rotate", description = "Give a token a new secret; the old one is refused from then on."
      + " Prints the new secret once.")
  static final class Rotate extends ClientCommand {
    @Parameters(index = "0", paramLabel = "ACCESSOR", description = "The token's accessor id.")
    String accessor;

    @Override
    int run(SynodClient client, Output out) {
      AclOutput.secret(out, "token rotated: the old secret is refused from now on", client.acl().rotate(accessor));
      return ExitCodes.OK;
    }
  }
}
