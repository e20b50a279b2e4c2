package dev.synod.bench.gossip;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.InputStream;
import java.io.InputStreamReader;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;

/**
 * Reads one member's stdout line by line on its own thread, stamps each line with {@link System#nanoTime()}
 * the moment it arrives, keeps a copy in a file, and adds the lines the parser recognises to the log.
 */
final class LineStamper implements Runnable {
  private final String member;
  private final InputStream stdout;
  private final Path copy;
  private final LineParser parser;
  private final ObservationLog log;
  private volatile IOException failure;

  LineStamper(String member, InputStream stdout, Path copy, LineParser parser, ObservationLog log) {
    this.member = member;
    this.stdout = stdout;
    this.copy = copy;
    this.parser = parser;
    this.log = log;
  }

  Thread start(String system) {
    Thread thread = new Thread(this, "gossip-" + system + "-" + member + "-stdout");
    thread.setDaemon(true);
    thread.start();
    return thread;
  }

  @Override
  public void run() {
    try (BufferedReader in = new BufferedReader(new InputStreamReader(stdout, StandardCharsets.UTF_8));
        BufferedWriter out = Files.newBufferedWriter(copy, StandardCharsets.UTF_8, StandardOpenOption.CREATE,
            StandardOpenOption.APPEND)) {
      String line;
      while ((line = in.readLine()) != null) {
        long arrived = System.nanoTime();
        parser.parse(line).ifPresent(p -> log.add(new Observation(arrived, member, p.kind(), p.value())));
        out.write(line);
        out.newLine();
        out.flush(); // so that a failure message can quote the latest lines
      }
    } catch (IOException e) {
      failure = e;
    }
  }

  /** Why reading stopped before the end of the output, if it did. */
  IOException failure() {
    return failure;
  }
}
