package dev.synod.client.cli;

import dev.synod.security.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Files that {@code tls} commands create. All targets are checked before any is written, so a
 * refusal never leaves a new key next to an old certificate.
 */
final class NewFiles {
  private NewFiles() {}

  /** Creates {@code dir} if needed and refuses existing targets unless {@code force}. */
  static void prepare(Path dir, boolean force, Path... targets) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("--out-dir \"" + dir + "\": cannot create directory: " + e, e);
    }
    if (force) {
      return;
    }
    for (Path target : targets) {
      if (Files.exists(target)) {
        throw new CliFailure(ExitCodes.LOCAL_FILE, "\"" + target + "\" already exists (expected: a new file;"
            + " pass --force to overwrite)");
      }
    }
  }

  /** Writes the private key (mode 0600) first, then the certificate, each atomically. */
  static void write(Path keyFile, String keyPem, Path certFile, String certPem) {
    Pem.writeAtomically(keyFile, keyPem, true);
    Pem.writeAtomically(certFile, certPem, false);
  }
}
