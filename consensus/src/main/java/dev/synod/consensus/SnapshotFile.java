package dev.synod.consensus;

import java.nio.file.Path;
import java.util.List;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.storage.FileInfo;
import org.apache.ratis.statemachine.SnapshotInfo;

/**
 * One snapshot on disk, named {@code snapshot-<term>-<index>.snap}. It is also the {@link SnapshotInfo} Ratis
 * streams to a lagging follower: a single file, whose MD5 Ratis computes while sending.
 */
final class SnapshotFile implements SnapshotInfo {
  private static final Pattern NAME = Pattern.compile("snapshot-(\\d+)-(\\d+)\\.snap");

  private final Path path;
  private final TermIndex termIndex;
  private final List<FileInfo> files;

  SnapshotFile(Path path, long term, long index) {
    this.path = path;
    this.termIndex = TermIndex.valueOf(term, index);
    this.files = List.of(new FileInfo(path, null));
  }

  static String fileName(long term, long index) {
    return "snapshot-" + term + "-" + index + ".snap";
  }

  /** The snapshot a file name describes, or empty if the file is not a snapshot (temp, .md5, unrelated). */
  static Optional<SnapshotFile> parse(Path path) {
    Matcher m = NAME.matcher(path.getFileName().toString());
    if (!m.matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(new SnapshotFile(path, Long.parseLong(m.group(1)), Long.parseLong(m.group(2))));
    } catch (NumberFormatException e) {
      return Optional.empty();
    }
  }

  Path path() {
    return path;
  }

  @Override
  public TermIndex getTermIndex() {
    return termIndex;
  }

  @Override
  public List<FileInfo> getFiles() {
    return files;
  }

  @Override
  public String toString() {
    return path.toString();
  }
}
