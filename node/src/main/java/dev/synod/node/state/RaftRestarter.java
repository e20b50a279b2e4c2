package dev.synod.node.state;

import dev.synod.consensus.ConsensusListener;
import dev.synod.consensus.CorruptSnapshotException;
import dev.synod.consensus.RaftNode;
import java.io.IOException;
import java.time.Duration;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Restarts the node's Raft server in-process when it can no longer serve on its own (most often: this node was
 * removed from the group, by autopilot or remove-peer, and Ratis stopped it). The new server recovers from the same
 * storage directory, so autopilot can add the node back without a process restart or a wiped data directory.
 * Restarts back off (1 s doubling to 1 min, quick again after 5 quiet minutes) and each is logged at WARN with its
 * reason, so a node never restarts itself in a tight loop.
 */
public final class RaftRestarter implements AutoCloseable {
  private static final Logger log = LoggerFactory.getLogger(RaftRestarter.class);

  /**
   * Replaces {@code stale} with a new Raft node over the same storage; blocking. False when there is nothing to do:
   * the agent is stopping, or {@code stale} is no longer the node's Raft server.
   */
  public interface Restart {
    boolean replace(RaftNode stale) throws IOException;
  }

  private final String nodeId;
  private final Restart restart;
  private final Consumer<String> fatal;
  private final RestartBackoff backoff =
      new RestartBackoff(Duration.ofSeconds(1), Duration.ofMinutes(1), Duration.ofMinutes(5));
  private final ScheduledExecutorService executor;
  private int restarts; // guarded by this

  public RaftRestarter(String nodeId, Restart restart, Consumer<String> fatal) {
    this.nodeId = nodeId;
    this.restart = restart;
    this.fatal = fatal;
    this.executor = Executors.newSingleThreadScheduledExecutor(r -> {
      Thread t = new Thread(r, "synod-raft-restart-" + nodeId);
      t.setDaemon(true);
      return t;
    });
  }

  /** The listener to register on {@code node}: it asks for that node's replacement. */
  public ConsensusListener watch(RaftNode node) {
    return new ConsensusListener() {
      @Override
      public void onRestartNeeded(String reason) {
        schedule(node, reason);
      }
    };
  }

  private void schedule(RaftNode stale, String reason) {
    schedule(stale, reason, null);
  }

  private synchronized void schedule(RaftNode stale, String reason, Exception previousFailure) {
    Duration delay = backoff.next(System.nanoTime());
    restarts++;
    if (previousFailure == null) {
      log.warn("raft: restarting the Raft server of {} in-process in {} ms (restart {} of this agent): {}", nodeId,
          delay.toMillis(), restarts, reason);
    } else {
      log.warn("raft: restarting the Raft server of {} failed; trying again in {} ms (restart {} of this agent): {}",
          nodeId, delay.toMillis(), restarts, reason, previousFailure);
    }
    try {
      executor.schedule(() -> run(stale, reason), delay.toMillis(), TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException e) {
      log.info("raft: restart {} of {} dropped: the agent is stopping", restarts, nodeId);
    }
  }

  private void run(RaftNode stale, String reason) {
    try {
      if (restart.replace(stale)) {
        log.info("raft: the Raft server of {} runs again; the leader's autopilot adds it back if it was removed", nodeId);
      }
    } catch (CorruptSnapshotException e) {
      fatal.accept("raft restart failed: " + e.getMessage());
    } catch (IOException | RuntimeException e) {
      schedule(stale, reason, e);
    }
  }

  @Override
  public void close() {
    executor.shutdownNow();
  }
}
