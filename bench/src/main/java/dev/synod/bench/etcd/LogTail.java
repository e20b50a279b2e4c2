package dev.synod.bench.etcd;

import java.io.IOException;
import java.io.RandomAccessFile;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.Arrays;
import java.util.List;

/** The last lines of a text or a log file, for error messages. */
public final class LogTail {
  /** Reads at most this much from the end of a log: etcd's zap lines are long, but 64 KiB holds dozens. */
  private static final int MAX_TAIL_BYTES = 64 * 1024;

  private LogTail() {}

  static String lastLines(String text, int lines) {
    List<String> all = Arrays.asList(text.split("\\R"));
    return String.join("\n", all.subList(Math.max(0, all.size() - lines), all.size()));
  }

  /** The file's last lines, or a note saying why there are none; never throws, since it only decorates an error. */
  public static String lastLines(Path file, int lines) {
    if (!Files.exists(file)) {
      return "(no log: " + file + " does not exist)";
    }
    try (RandomAccessFile in = new RandomAccessFile(file.toFile(), "r")) {
      long start = Math.max(0, in.length() - MAX_TAIL_BYTES);
      byte[] bytes = new byte[(int) (in.length() - start)];
      in.seek(start);
      in.readFully(bytes);
      String text = new String(bytes, StandardCharsets.UTF_8);
      return text.isBlank() ? "(log " + file + " is empty)" : lastLines(text, lines);
    } catch (IOException e) {
      return "(cannot read log " + file + ": " + e + ")";
    }
  }
}
