package dev.synod.consensus;

import java.io.IOException;
import java.io.InterruptedIOException;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.grpc.GrpcFactory;
import org.apache.ratis.grpc.server.GrpcLogAppender;
import org.apache.ratis.proto.RaftProtos.AppendEntriesRequestProto;
import org.apache.ratis.rpc.RpcFactory;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.leader.FollowerInfo;
import org.apache.ratis.server.leader.LeaderState;
import org.apache.ratis.server.leader.LogAppender;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.raftlog.RaftLogIOException;
import org.apache.ratis.statemachine.SnapshotInfo;
import org.apache.ratis.util.CodeInjectionForTesting;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Ratis' gRPC log appender, mended for two faults of Ratis 3.2.2 that leave a follower without a leader for as long
 * as the leader lives (fixed upstream after 3.2.2 by RATIS-2487 and RATIS-2499, in no release yet):
 * <ul>
 *   <li>The leader holds the follower's next entry but has purged the one before it, which its snapshot does not
 *       end at: it cannot name the previous entry of an append, Ratis' appender throws building the request
 *       ("Previous TermIndex not found"), and it never installs a snapshot, since the follower's next entry is
 *       still in the log. Here such a follower gets a snapshot. A purge can also land between the appender's
 *       snapshot check and its read of the follower's next entry ("Log entry not found"); such a send is skipped,
 *       and the next round installs a snapshot.
 *   <li>An appender that throws is never restarted: its daemon's restart asks whether the daemon is still working,
 *       which it is not once it failed. The follower then hears nothing, and its pre-votes fail while the others
 *       hear from the leader. Here the appender asks the leader to replace it while it still works.
 * </ul>
 */
final class RecoveringLogAppender extends GrpcLogAppender {
  private static final Logger LOG = LoggerFactory.getLogger(RecoveringLogAppender.class);
  /** Test hook, run before each append request is built: a code that throws fails this appender. */
  static final String BEFORE_APPEND_REQUEST = "RecoveringLogAppender.newAppendEntriesRequest";
  /** A failure that repeats restarts the appender at most this often. */
  private static final long RESTART_PAUSE_MILLIS = 100;

  RecoveringLogAppender(RaftServer.Division server, LeaderState leaderState, FollowerInfo follower) {
    super(server, leaderState, follower);
  }

  @Override
  public AppendEntriesRequestProto newAppendEntriesRequest(long callId, boolean heartbeat)
      throws RaftLogIOException {
    CodeInjectionForTesting.execute(BEFORE_APPEND_REQUEST, getServer().getId(), getFollowerId());
    if (!heartbeat) {
      long next = getFollower().getNextIndex();
      if (next < getRaftLog().getStartIndex() || cannotNamePrevious(next)) {
        return null; // purged since the snapshot check; the next round installs a snapshot
      }
    }
    return super.newAppendEntriesRequest(callId, heartbeat);
  }

  @Override
  public SnapshotInfo shouldInstallSnapshot() {
    SnapshotInfo snapshot = super.shouldInstallSnapshot();
    if (snapshot != null) {
      return snapshot;
    }
    long next = getFollower().getNextIndex();
    return next < getRaftLog().getNextIndex() && cannotNamePrevious(next)
        ? getServer().getStateMachine().getLatestSnapshot() : null;
  }

  /**
   * Whether an append from {@code next} would need the entry before it, which neither the leader's log nor its
   * snapshot holds any more. Right after a snapshot the leader installed, the follower needs no previous entry.
   */
  private boolean cannotNamePrevious(long next) {
    if (next <= RaftLog.LEAST_VALID_LOG_INDEX || next == getFollower().getSnapshotIndex() + 1) {
      return false;
    }
    long previous = next - 1;
    if (getRaftLog().getTermIndex(previous) != null) {
      return false;
    }
    SnapshotInfo snapshot = getServer().getStateMachine().getLatestSnapshot();
    return snapshot == null || snapshot.getIndex() != previous;
  }

  @Override
  public void run() throws IOException {
    try {
      super.run();
    } catch (InterruptedIOException stopping) {
      throw stopping;
    } catch (IOException | RuntimeException e) {
      if (!isRunning()) {
        throw e; // stopped or no longer leader: nothing to restart
      }
      LOG.warn("{}: the appender failed; replacing it so that {} keeps hearing from the leader", this,
          getFollowerId(), e);
      pauseBeforeRestart();
      getLeaderState().restart(this);
    }
  }

  private static void pauseBeforeRestart() throws InterruptedIOException {
    try {
      Thread.sleep(RESTART_PAUSE_MILLIS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new InterruptedIOException("stopped before the appender was replaced");
    }
  }

  /** Ratis' gRPC transport with this appender; Ratis finds it through {@link Type}, by class name. */
  public static final class Factory extends GrpcFactory {
    public Factory(Parameters parameters) {
      super(parameters);
    }

    @Override
    public LogAppender newLogAppender(RaftServer.Division server, LeaderState state, FollowerInfo follower) {
      return new RecoveringLogAppender(server, state, follower);
    }
  }

  /** The RPC type to set in Ratis' properties; Ratis instantiates it by its class name. */
  public static final class Type implements org.apache.ratis.rpc.RpcType {
    @Override
    public String name() {
      return Type.class.getName();
    }

    @Override
    public RpcFactory newFactory(Parameters parameters) {
      return new Factory(parameters);
    }
  }
}
