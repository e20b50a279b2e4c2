package dev.synod.consensus;

import java.util.Collection;
import java.util.Optional;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Notices when this node's Ratis 3.2.2 division can no longer serve the group on its own, and reports it once:
 * <ul>
 *   <li>Stopped. Ratis keeps no removed server running: a removed follower closes itself at its next election
 *       (LeaderElection: NOT_IN_CONF), a removed server that campaigns is told to shut down by the leader
 *       (RequestVoteReply.shouldShutdown), a leader closes itself once its own removal commits
 *       (LeaderStateImpl.checkAndUpdateConfiguration). That last path skips StateMachine#notifyServerShutdown, so
 *       the lifecycle is polled. The storage directory is kept.</li>
 *   <li>Stuck starting. A server recovered from a log whose configuration no longer lists it starts "initializing"
 *       (RaftServerImpl.start) and only runs once a leader sends initializing=false; a leader never does for a
 *       learner it added (LeaderStateImpl.checkStaging marks only voters caught up), so it cannot serve reads even
 *       after promotion. Recovered again, it finds itself in its configuration and starts as learner or voter.</li>
 * </ul>
 */
final class DivisionWatch {
  private static final Logger LOG = LoggerFactory.getLogger(DivisionWatch.class);
  static final long POLL_MILLIS = 200;
  /** How long a division may stay STARTING while listed in its configuration before it counts as stuck. */
  static final long STUCK_MILLIS = 1_000;

  private final RaftServer.Division division;
  private final RaftPeerId self;
  private final Consumer<String> restartNeeded;
  private final AtomicBoolean reported = new AtomicBoolean();
  private long listedWhileStartingSince = -1; // only touched on the timer thread

  DivisionWatch(RaftServer.Division division, RaftPeerId self, Consumer<String> restartNeeded) {
    this.division = division;
    this.self = self;
    this.restartNeeded = restartNeeded;
  }

  /** Polls on {@code timer} until it is shut down. */
  void start(ScheduledExecutorService timer) {
    timer.scheduleWithFixedDelay(this::check, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      checkOnce();
    } catch (RuntimeException e) {
      // A task that throws is never run again by the executor: log and keep watching.
      LOG.warn("Checking the Raft division of {} failed", self, e);
    }
  }

  private void checkOnce() {
    if (reported.get()) {
      return;
    }
    RaftConfiguration conf = division.getRaftConf();
    LifeCycle.State state = division.getInfo().getLifeCycleState();
    if (state.isClosingOrClosed()) {
      report(stoppedReason(conf));
    } else if (state == LifeCycle.State.STARTING && role(conf).isPresent()) {
      long now = System.nanoTime();
      if (listedWhileStartingSince < 0) {
        listedWhileStartingSince = now;
      } else if (now - listedWhileStartingSince >= TimeUnit.MILLISECONDS.toNanos(STUCK_MILLIS)) {
        report("Ratis keeps the server initializing although its configuration (log index "
            + conf.getLogEntryIndex() + ") lists it as a " + role(conf).get()
            + "; it was recovered outside the group, and only a new start lets it serve as a member");
      }
    } else {
      listedWhileStartingSince = -1;
    }
  }

  private void report(String reason) {
    if (reported.compareAndSet(false, true)) {
      restartNeeded.accept(reason);
    }
  }

  private String stoppedReason(RaftConfiguration conf) {
    long index = conf.getLogEntryIndex();
    return role(conf).map(r -> "Ratis stopped the server although its latest known configuration (log index " + index
            + ") lists it as a " + r + ", as it does when a leader removed it while it was unreachable, or when"
            + " it still ran as a follower after being added back as a learner")
        .orElse("removed from the Raft configuration: Ratis stopped the server (its latest known configuration,"
            + " log index " + index + ", no longer lists it)");
  }

  /** "voter" or "learner" in the new half of the configuration; a server only in the old half is being removed. */
  private Optional<String> role(RaftConfiguration conf) {
    if (listed(conf.getCurrentPeers(RaftPeerRole.FOLLOWER))) {
      return Optional.of("voter");
    }
    return listed(conf.getCurrentPeers(RaftPeerRole.LISTENER)) ? Optional.of("learner")
        : Optional.empty();
  }

  private boolean listed(Collection<RaftPeer> peers) {
    return peers.stream().anyMatch(p -> p.getId().equals(self));
  }
}
