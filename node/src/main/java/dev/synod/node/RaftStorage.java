package dev.synod.node;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;

/** Tells whether a node has Raft state on disk, in which case it recovers rather than bootstraps. */
final class RaftStorage {
  private RaftStorage() {}

  static boolean hasState(Path raftDir) {
    if (!Files.isDirectory(raftDir)) {
      return false;
    }
    try (var entries = Files.list(raftDir)) {
      return entries.findAny().isPresent();
    } catch (IOException e) {
      throw new UncheckedIOException("data-dir: cannot list " + raftDir, e);
    }
  }
}
