package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import dev.synod.proto.v1.SnapshotHeader;
import dev.synod.proto.v1.SnapshotRestoreResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** {@code synod snapshot ...}: save the registry to a verified file, or restore one. */
@Command(name = "snapshot", description = "Snapshot commands.",
    subcommands = {SnapshotCommand.Save.class, SnapshotCommand.Restore.class})
final class SnapshotCommand extends GroupCommand {

  @Command(name = "save", description = "Stream a snapshot from the cluster into FILE (written atomically).")
  static final class Save extends ClientCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Snapshot file to write.")
    Path file;

    @Override
    int run(SynodClient client, Output out) {
      SnapshotHeader h = client.saveSnapshot(file);
      if (out.json()) {
        out.json(h);
      } else {
        out.line("saved snapshot of cluster " + h.getClusterId() + " at revision " + h.getRevision()
            + " (" + h.getSizeBytes() + " bytes) to " + file);
      }
      return ExitCodes.OK;
    }
  }

  @Command(name = "restore", description = "Verify FILE's checksum, then restore it into the cluster.")
  static final class Restore extends ClientCommand {
    @Parameters(index = "0", paramLabel = "FILE", description = "Snapshot file written by `snapshot save`.")
    Path file;

    @Override
    int run(SynodClient client, Output out) {
      if (!Files.isRegularFile(file)) {
        throw new CliFailure(ExitCodes.LOCAL_FILE, file + ": no such file");
      }
      SnapshotRestoreResponse r = client.restoreSnapshot(file);
      if (out.json()) {
        out.json(r);
      } else {
        out.line("restored revision " + r.getRestoredRevision() + ": " + r.getKeys() + " keys, "
            + r.getRegistrants() + " registrants");
      }
      return ExitCodes.OK;
    }
  }
}
