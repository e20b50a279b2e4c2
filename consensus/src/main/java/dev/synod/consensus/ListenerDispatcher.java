package dev.synod.consensus;

import java.util.ArrayDeque;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Delivers consensus events to listeners one at a time, in order, on one thread, so that no Ratis thread ever
 * waits on a listener. Consecutive applied events are merged into the newest index, and none is queued while no
 * {@link AppliedListener} wants them.
 */
final class ListenerDispatcher implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(ListenerDispatcher.class);

  /** A queued applied event; its index moves forward while it is the last queued event. */
  private static final class Applied {
    long index;
  }

  private final List<ConsensusListener> listeners = new CopyOnWriteArrayList<>();
  private final ExecutorService executor;
  private final ArrayDeque<Object> queue = new ArrayDeque<>(); // guarded by this
  private boolean draining; // guarded by this
  private boolean closed; // guarded by this

  ListenerDispatcher(String nodeId) {
    this.executor = Executors.newSingleThreadExecutor(r -> {
      Thread t = new Thread(r, "synod-consensus-events-" + nodeId);
      t.setDaemon(true);
      return t;
    });
  }

  void add(ConsensusListener listener) {
    listeners.add(listener);
  }

  void leaderChanged(Optional<String> leaderId, long term) {
    enqueue((Consumer<ConsensusListener>) l -> l.onLeaderChanged(leaderId, term));
  }

  void configurationChanged(List<PeerInfo> peers) {
    enqueue((Consumer<ConsensusListener>) l -> l.onConfigurationChanged(peers));
  }

  void restartNeeded(String reason) {
    enqueue((Consumer<ConsensusListener>) l -> l.onRestartNeeded(reason));
  }

  void applied(long index) {
    if (!anyWantsApplied()) {
      return;
    }
    synchronized (this) {
      if (queue.peekLast() instanceof Applied last) {
        last.index = Math.max(last.index, index);
        return;
      }
      Applied a = new Applied();
      a.index = index;
      enqueue(a);
    }
  }

  private boolean anyWantsApplied() {
    for (ConsensusListener l : listeners) {
      if (l instanceof AppliedListener a && a.wantsApplied()) {
        return true;
      }
    }
    return false;
  }

  private synchronized void enqueue(Object event) {
    if (closed || listeners.isEmpty()) {
      return;
    }
    queue.addLast(event);
    if (!draining) {
      draining = true;
      try {
        executor.execute(this::drain);
      } catch (RejectedExecutionException e) {
        draining = false;
      }
    }
  }

  @SuppressWarnings("unchecked")
  private void drain() {
    while (true) {
      Object event;
      long appliedIndex = -1;
      synchronized (this) {
        event = queue.pollFirst();
        if (event == null) {
          draining = false;
          return;
        }
        if (event instanceof Applied a) {
          appliedIndex = a.index;
        }
      }
      for (ConsensusListener l : listeners) {
        try {
          if (event instanceof Applied) {
            if (l instanceof AppliedListener a) {
              a.onApplied(appliedIndex);
            }
          } else {
            ((Consumer<ConsensusListener>) event).accept(l);
          }
        } catch (RuntimeException e) {
          LOG.warn("Consensus listener {} threw", l, e);
        }
      }
    }
  }

  @Override
  public void close() {
    synchronized (this) {
      closed = true;
      queue.clear();
    }
    executor.shutdown();
  }
}
