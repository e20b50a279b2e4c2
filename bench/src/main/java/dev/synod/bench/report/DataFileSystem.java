package dev.synod.bench.report;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.FileStore;
import java.nio.file.Files;
import java.nio.file.Path;

/**
 * Names the file system a directory lives (or will live) on, e.g. {@code ext4 (/dev/nvme0n1p2)}: the
 * report must show that Synod and etcd wrote their logs to the same one, since fsync speed decides both.
 */
public final class DataFileSystem {
  private DataFileSystem() {}

  public static String describe(Path dir) {
    Path existing = dir.toAbsolutePath();
    while (existing.getParent() != null && !Files.exists(existing)) {
      existing = existing.getParent();
    }
    try {
      FileStore store = Files.getFileStore(existing);
      return store.type() + " (" + store.name() + ")";
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read the file system of " + dir, e);
    }
  }
}
