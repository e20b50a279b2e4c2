package dev.synod.consensus;

import java.io.IOException;
import java.nio.file.Path;

/** A snapshot file failed validation; the node refuses to start from it. */
public final class CorruptSnapshotException extends IOException {
  private static final long serialVersionUID = 1L;

  private final transient Path file;

  /** The file's checksum does not match the one stored in it. */
  public CorruptSnapshotException(Path file, String expectedChecksum, String actualChecksum) {
    super("snapshot file " + file + ": checksum mismatch (expected: " + expectedChecksum
        + ", actual: " + actualChecksum + ")");
    this.file = file;
  }

  /** The file is structurally invalid (truncated, wrong magic, unsupported version...). */
  public CorruptSnapshotException(Path file, String problem) {
    super("snapshot file " + file + ": " + problem);
    this.file = file;
  }

  public Path file() {
    return file;
  }
}
