package dev.synod.bench.etcd;

import java.io.File;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/** Finds a program by name. A seam, so the installer's decisions are testable on any machine. */
@FunctionalInterface
public interface ExecutableFinder {
  /**
   * Where Debian's packages put programs; searched after PATH, since a non-login environment
   * (cron, some CI runners) may lack /usr/sbin.
   */
  List<String> STANDARD_DIRS = List.of("/usr/local/bin", "/usr/bin", "/bin", "/usr/sbin", "/sbin");

  Optional<Path> find(String name);

  static ExecutableFinder system() {
    return name -> search(System.getenv("PATH"), name);
  }

  /** The first executable regular file called {@code name} in PATH's directories, then in {@link #STANDARD_DIRS}. */
  static Optional<Path> search(String pathVariable, String name) {
    List<String> dirs = new ArrayList<>();
    if (pathVariable != null) {
      dirs.addAll(List.of(pathVariable.split(File.pathSeparator)));
    }
    dirs.addAll(STANDARD_DIRS);
    for (String dir : dirs) {
      if (dir.isEmpty()) {
        continue;
      }
      try {
        Path candidate = Path.of(dir, name);
        if (Files.isRegularFile(candidate) && Files.isExecutable(candidate)) {
          return Optional.of(candidate);
        }
      } catch (InvalidPathException e) {
        // A malformed PATH entry cannot hold the program; the other entries still may.
      }
    }
    return Optional.empty();
  }
}
