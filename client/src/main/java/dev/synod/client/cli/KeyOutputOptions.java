package dev.synod.client.cli;

import java.nio.file.Path;
import picocli.CommandLine.Option;

/** Where `synod tls` commands write a new key pair, of which type, and whether they may overwrite. */
final class KeyOutputOptions {
  @Option(names = "--key-type", paramLabel = "TYPE", defaultValue = "ec-p256",
      description = "Key algorithm: " + TlsCommand.KEY_TYPES + " (default: ${DEFAULT-VALUE}).")
  String keyType;

  @Option(names = "--out-dir", paramLabel = "DIR", defaultValue = ".",
      description = "Directory to write into, created if missing (default: the current directory).")
  Path outDir;

  @Option(names = "--force", description = "Overwrite existing files.")
  boolean force;
}
