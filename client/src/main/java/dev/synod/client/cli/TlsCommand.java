package dev.synod.client.cli;

import dev.synod.security.pki.KeyType;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.ParameterException;

/** {@code synod tls ...}: create the cluster's CA and certificates offline, from local files. */
@Command(name = "tls", description = "Create a cluster CA and certificates (offline, local files only).",
    subcommands = {TlsCaCommand.class, TlsCertCommand.class})
final class TlsCommand extends GroupCommand {
  static final String KEY_TYPES = "ec-p256, ec-p384, rsa-2048 or rsa-4096";

  /** Parses --key-type with the security module's names; a bad one is a usage error naming them. */
  static KeyType keyType(CommandSpec spec, String text) {
    try {
      return KeyType.parse("--key-type", text);
    } catch (IllegalArgumentException e) {
      throw new ParameterException(spec.commandLine(), e.getMessage());
    }
  }
}
