package dev.synod.consensus;

import java.io.File;
import java.io.IOException;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.Arrays;
import java.util.Comparator;
import java.util.HexFormat;
import java.util.List;
import java.util.Optional;
import java.util.stream.Collectors;
import java.util.stream.Stream;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.SnapshotRetentionPolicy;
import org.apache.ratis.statemachine.StateMachineStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Our snapshot files in the Raft state machine directory. Format, big-endian:
 * magic "SYNODSNP" (8) | version (4) | term (8) | index (8) | payload length (8) | payload | SHA-256 of all
 * preceding bytes (32). Files are written to a temp name, fsynced, renamed atomically and the directory fsynced,
 * so a crash leaves either the old set or the new one. The last {@value #RETAINED} are kept.
 */
final class SnapshotStore implements StateMachineStorage {
  private static final Logger LOG = LoggerFactory.getLogger(SnapshotStore.class);
  private static final byte[] MAGIC = "SYNODSNP".getBytes(StandardCharsets.US_ASCII);
  private static final int VERSION = 1;
  private static final int HEADER = 8 + 4 + 8 + 8 + 8;
  private static final int DIGEST = 32;
  static final int RETAINED = 2;

  /** A snapshot read back and verified. */
  record Loaded(SnapshotFile file, byte[] payload) {}

  private final Path dir;
  private volatile SnapshotFile latest;

  SnapshotStore(Path dir) throws IOException {
    this.dir = dir;
    this.latest = list().stream().findFirst().orElse(null);
    deleteTempFiles(); // left by a crash mid-write; nothing writes before the store is open
  }

  Path dir() {
    return dir;
  }

  /** Writes and makes durable a new snapshot, then drops the oldest beyond the retained count. */
  SnapshotFile write(long term, long index, byte[] payload) throws IOException {
    Files.createDirectories(dir);
    Path target = dir.resolve(SnapshotFile.fileName(term, index));
    Path tmp = dir.resolve("." + target.getFileName() + ".tmp");
    ByteBuffer header = ByteBuffer.allocate(HEADER)
        .put(MAGIC).putInt(VERSION).putLong(term).putLong(index).putLong(payload.length).flip();
    MessageDigest sha = sha256();
    sha.update(header.duplicate());
    sha.update(payload);
    try (FileChannel ch = FileChannel.open(tmp, StandardOpenOption.CREATE, StandardOpenOption.WRITE,
        StandardOpenOption.TRUNCATE_EXISTING)) {
      writeFully(ch, header);
      writeFully(ch, ByteBuffer.wrap(payload));
      writeFully(ch, ByteBuffer.wrap(sha.digest()));
      ch.force(true);
    }
    Files.move(tmp, target, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
    fsyncDirectory(dir);
    SnapshotFile written = new SnapshotFile(target, term, index);
    advanceLatest(written);
    retain(RETAINED);
    return written;
  }

  /**
   * Reads and verifies the newest snapshot in the directory (rescanning it: a snapshot install replaces it).
   * A corrupt newest snapshot is an error, not a reason to fall back silently to an older one.
   */
  Optional<Loaded> loadLatest() throws IOException {
    List<SnapshotFile> all = list();
    latest = all.isEmpty() ? null : all.get(0);
    if (latest == null) {
      return Optional.empty();
    }
    return Optional.of(new Loaded(latest, read(latest)));
  }

  static byte[] read(SnapshotFile file) throws IOException {
    Path path = file.path();
    byte[] bytes = Files.readAllBytes(path);
    if (bytes.length < HEADER + DIGEST) {
      throw new CorruptSnapshotException(path, "truncated to " + bytes.length + " bytes (expected: >= "
          + (HEADER + DIGEST) + ")");
    }
    ByteBuffer buf = ByteBuffer.wrap(bytes);
    byte[] magic = new byte[MAGIC.length];
    buf.get(magic);
    if (!Arrays.equals(magic, MAGIC)) {
      throw new CorruptSnapshotException(path, "bad magic " + HexFormat.of().formatHex(magic)
          + " (expected: " + HexFormat.of().formatHex(MAGIC) + ")");
    }
    int version = buf.getInt();
    if (version != VERSION) {
      throw new CorruptSnapshotException(path, "format version " + version + " (expected: " + VERSION + ")");
    }
    long term = buf.getLong();
    long index = buf.getLong();
    long length = buf.getLong();
    if (length != bytes.length - HEADER - DIGEST) {
      throw new CorruptSnapshotException(path, "payload length " + length + " in header but "
          + (bytes.length - HEADER - DIGEST) + " bytes present");
    }
    MessageDigest sha = sha256();
    sha.update(bytes, 0, bytes.length - DIGEST);
    String actual = HexFormat.of().formatHex(sha.digest());
    String expected = HexFormat.of().formatHex(bytes, bytes.length - DIGEST, bytes.length);
    if (!expected.equals(actual)) {
      throw new CorruptSnapshotException(path, "sha256 " + expected, "sha256 " + actual);
    }
    long fileTerm = file.getTerm();
    long fileIndex = file.getIndex();
    if (term != fileTerm || index != fileIndex) {
      throw new CorruptSnapshotException(path, "header says term " + term + " index " + index
          + " (expected: term " + fileTerm + " index " + fileIndex + " from the file name)");
    }
    return Arrays.copyOfRange(bytes, HEADER, HEADER + (int) length);
  }

  /** Snapshots in the directory, newest first. */
  List<SnapshotFile> list() throws IOException {
    if (!Files.isDirectory(dir)) {
      return List.of();
    }
    try (Stream<Path> files = Files.list(dir)) {
      return files.map(SnapshotFile::parse).flatMap(Optional::stream)
          .sorted(Comparator.comparingLong(SnapshotFile::getIndex).thenComparingLong(SnapshotFile::getTerm).reversed())
          .collect(Collectors.toList());
    }
  }

  /**
   * Keeps the newest {@code count} snapshots; deletes older ones and their .md5 companions. Temp files stay: a
   * write may be in progress on the snapshot writer's thread.
   */
  void retain(int count) throws IOException {
    List<SnapshotFile> all = list();
    for (SnapshotFile old : all.subList(Math.min(count, all.size()), all.size())) {
      deleteQuietly(old.path());
      deleteQuietly(old.path().resolveSibling(old.path().getFileName() + ".md5"));
    }
  }

  /** A write that finishes after a newer snapshot was installed must not make an older one the latest. */
  private synchronized void advanceLatest(SnapshotFile written) {
    SnapshotFile current = latest;
    if (current == null || written.getIndex() > current.getIndex()) {
      latest = written;
    }
  }

  private void deleteTempFiles() throws IOException {
    if (Files.isDirectory(dir)) {
      try (Stream<Path> files = Files.list(dir)) {
        files.filter(f -> f.getFileName().toString().endsWith(".snap.tmp")).forEach(SnapshotStore::deleteQuietly);
      }
    }
  }

  // --- StateMachineStorage: Ratis asks for the latest snapshot and the directory to install into ---

  @Override
  public void init(RaftStorage raftStorage) {
    // The directory is known up front; nothing to do.
  }

  @Override
  public SnapshotFile getLatestSnapshot() {
    return latest;
  }

  @Override
  public void format() {
    // A fresh group has no snapshots; nothing to do.
  }

  @Override
  public void cleanupOldSnapshots(SnapshotRetentionPolicy policy) throws IOException {
    retain(Math.max(RETAINED, policy.getNumSnapshotsRetained()));
  }

  @Override
  public File getSnapshotDir() {
    return dir.toFile();
  }

  private static void writeFully(FileChannel ch, ByteBuffer buf) throws IOException {
    while (buf.hasRemaining()) {
      ch.write(buf);
    }
  }

  private static void fsyncDirectory(Path dir) throws IOException {
    try (FileChannel ch = FileChannel.open(dir, StandardOpenOption.READ)) {
      ch.force(true);
    }
  }

  private static void deleteQuietly(Path p) {
    try {
      Files.deleteIfExists(p);
    } catch (NoSuchFileException ignored) {
      // raced with another cleanup
    } catch (IOException e) {
      LOG.warn("Could not delete {}: {}", p, e.toString());
    }
  }

  private static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException("SHA-256 is required of every JDK", e);
    }
  }
}
