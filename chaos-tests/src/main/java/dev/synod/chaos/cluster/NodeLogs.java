package dev.synod.chaos.cluster;

import com.github.dockerjava.api.async.ResultCallback;
import com.github.dockerjava.api.command.LogContainerCmd;
import com.github.dockerjava.api.model.Frame;
import java.io.ByteArrayOutputStream;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Copies the node containers' logs (stdout and stderr) to files or strings. */
final class NodeLogs {
  private static final Logger LOG = LoggerFactory.getLogger(NodeLogs.class);

  private final DockerDaemon daemon;
  private final NodeTable nodes;

  NodeLogs(DockerDaemon daemon, NodeTable nodes) {
    this.daemon = daemon;
    this.nodes = nodes;
  }

  Path logs(String node, Path dir) {
    NodeSlot n = nodes.slot(node);
    Path file = dir.resolve(node + ".log");
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      Files.createDirectories(dir);
      collect(logCmd(n).withTimestamps(true).withTailAll(), out).awaitCompletion(60, TimeUnit.SECONDS);
      synchronized (out) {
        Files.write(file, out.toByteArray());
      }
    } catch (IOException e) {
      throw new ClusterException("cannot write " + file + ": " + e, e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ClusterException("interrupted while copying the log of " + node, e);
    }
    return file;
  }

  String tail(String node, int lines) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    try {
      collect(logCmd(nodes.slot(node)).withTail(lines), out).awaitCompletion(30, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    } catch (RuntimeException e) {
      return "(log unavailable: " + e + ")";
    }
    synchronized (out) {
      return out.toString(StandardCharsets.UTF_8);
    }
  }

  List<Path> logsAll(Path dir) {
    List<Path> files = new ArrayList<>();
    for (String node : nodes.ids()) {
      try {
        files.add(logs(node, dir));
      } catch (RuntimeException e) {
        LOG.warn("cannot copy the log of {}: {}", node, e.toString());
      }
    }
    return Collections.unmodifiableList(files);
  }

  /**
   * Asks every running node's JVM for a thread dump (SIGQUIT to the container's process, the agent's JVM), which it
   * prints to its log. Paused and stopped nodes are skipped; returns the nodes asked.
   */
  List<String> threadDumps(List<String> running) {
    List<String> asked = new ArrayList<>();
    for (String node : running) {
      try {
        daemon.client().killContainerCmd(nodes.slot(node).containerId).withSignal("SIGQUIT").exec();
        asked.add(node);
      } catch (RuntimeException e) {
        LOG.warn("cannot ask {} for a thread dump: {}", node, e.toString());
      }
    }
    return asked;
  }

  private LogContainerCmd logCmd(NodeSlot n) {
    return daemon.client().logContainerCmd(n.containerId).withStdOut(true).withStdErr(true);
  }

  /** Starts streaming into {@code out}; frames arrive on a Docker client thread, hence the lock. */
  private static ResultCallback.Adapter<Frame> collect(LogContainerCmd cmd, ByteArrayOutputStream out) {
    return cmd.exec(new ResultCallback.Adapter<Frame>() {
      @Override
      public void onNext(Frame frame) {
        synchronized (out) {
          out.writeBytes(frame.getPayload());
        }
      }
    });
  }
}
