package dev.synod.security.pki;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFileAttributeView;
import java.nio.file.attribute.PosixFilePermission;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.Set;

/**
 * Replaces a file so that readers (the TLS reloader, other processes) see either the old or the
 * new content, never a torn write, and so that a crash right after leaves the new content on disk.
 */
final class AtomicFileWriter {
  private static final Set<PosixFilePermission> OWNER_ONLY = PosixFilePermissions.fromString("rw-------");
  private static final Set<PosixFilePermission> WORLD_READABLE = PosixFilePermissions.fromString("rw-r--r--");

  private AtomicFileWriter() {}

  static void write(Path file, String content, boolean secret) {
    Path target = file.toAbsolutePath();
    Path dir = target.getParent();
    Path temp = null;
    try {
      boolean posix = Files.getFileStore(dir).supportsFileAttributeView(PosixFileAttributeView.class);
      // Same directory: the rename must not cross file systems to stay atomic.
      temp = Files.createTempFile(dir, "." + target.getFileName() + ".", ".tmp");
      if (posix) {
        // Before any byte lands, so a secret is never readable by others, not even briefly.
        Files.setPosixFilePermissions(temp, secret ? OWNER_ONLY : WORLD_READABLE);
      }
      try (FileChannel channel = FileChannel.open(temp, StandardOpenOption.WRITE, StandardOpenOption.TRUNCATE_EXISTING)) {
        ByteBuffer bytes = ByteBuffer.wrap(content.getBytes(StandardCharsets.UTF_8));
        while (bytes.hasRemaining()) {
          channel.write(bytes);
        }
        channel.force(true);
      }
      Files.move(temp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
      temp = null;
      if (posix) {
        // Makes the rename itself durable.
        try (FileChannel directory = FileChannel.open(dir, StandardOpenOption.READ)) {
          directory.force(true);
        }
      }
    } catch (IOException e) {
      UncheckedIOException failure = new UncheckedIOException("cannot write \"" + target + "\": " + e, e);
      if (temp != null) {
        try {
          Files.deleteIfExists(temp);
        } catch (IOException cleanup) {
          failure.addSuppressed(cleanup);
        }
      }
      throw failure;
    }
  }
}
