package dev.synod.consensus;

import java.time.Duration;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Consumer;
import java.util.function.Supplier;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.proto.RaftProtos.ServerRpcProto;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.RaftServerRpc;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * On the leader, gives a follower that has not answered for {@code silentAfter} a new connection.
 *
 * <p>Ratis 3.2.2 keeps one gRPC channel per peer, without keepalive, for as long as the peer is in the group, and
 * its log appender times out requests without closing their stream. While a partition drops a connection's
 * packets, the kernel backs off retransmission on it exponentially, up to 120 s between tries; once the network
 * heals, the follower hears nothing until that timer fires, and stays leaderless for up to two more minutes. A new
 * channel dials a new connection at once. While the follower stays silent it is redialled again every
 * {@code silentAfter}: a dial that finds no one costs a SYN.
 */
final class SilentFollowerRedial {
  private static final Logger LOG = LoggerFactory.getLogger(SilentFollowerRedial.class);
  static final long POLL_MILLIS = 500;

  private final Supplier<RaftServer.Division> division;
  private final Consumer<RaftPeerId> newConnection;
  private final long silentAfterMillis;
  private final Executor redials;
  private final Map<String, Long> lastRedial = new ConcurrentHashMap<>(); // peer -> System.nanoTime()
  private final Set<String> redialing = ConcurrentHashMap.newKeySet();
  private final LongAdder redialed = new LongAdder();

  /**
   * {@code newConnection} replaces the peer's channel (in Ratis, {@link RaftServerRpc#handleException} with
   * reconnect); {@code redials} runs it, since closing the old channel waits a few seconds for its streams.
   */
  SilentFollowerRedial(Supplier<RaftServer.Division> division, Consumer<RaftPeerId> newConnection,
      Duration silentAfter, Executor redials) {
    this.division = division;
    this.newConnection = newConnection;
    this.silentAfterMillis = silentAfter.toMillis();
    this.redials = redials;
  }

  /** Followers given a new connection since start. */
  long redials() {
    return redialed.sum();
  }

  /** Polls on {@code timer} until it is shut down. */
  void start(ScheduledExecutorService timer) {
    timer.scheduleWithFixedDelay(this::check, POLL_MILLIS, POLL_MILLIS, TimeUnit.MILLISECONDS);
  }

  private void check() {
    try {
      RaftServer.Division d = division.get();
      RoleInfoProto role = d == null ? null : d.getInfo().getRoleInfoProto();
      if (role == null || !role.hasLeaderInfo()) {
        lastRedial.clear();
        return;
      }
      for (ServerRpcProto follower : role.getLeaderInfo().getFollowerInfoList()) {
        consider(RaftPeerId.valueOf(follower.getId().getId()).toString(), follower.getLastRpcElapsedTimeMs(),
            System.nanoTime());
      }
    } catch (RuntimeException e) {
      // A task that throws is never run again by the executor: log and keep watching.
      LOG.warn("Checking the followers' links failed", e);
    }
  }

  /** Redials {@code peer} if it was silent long enough and was not redialled within the last {@code silentAfter}. */
  void consider(String peer, long silentMillis, long nowNanos) {
    if (silentMillis < silentAfterMillis) {
      lastRedial.remove(peer); // it answers again: a later silence is a new one
      return;
    }
    if (redialing.contains(peer)) {
      return;
    }
    Long last = lastRedial.get(peer);
    if (last == null || nowNanos - last >= TimeUnit.MILLISECONDS.toNanos(silentAfterMillis)) {
      redial(peer, silentMillis, nowNanos, last == null);
    }
  }

  private void redial(String peer, long silentMillis, long nowNanos, boolean firstOfSilence) {
    lastRedial.put(peer, nowNanos);
    redialing.add(peer);
    redialed.increment();
    if (firstOfSilence) {
      LOG.info("Follower {} has not answered for {} ms; dialling it on a new connection, and again every {} ms"
          + " while it stays silent", peer, silentMillis, silentAfterMillis);
    } else {
      LOG.debug("Follower {} still silent after {} ms; dialling it again", peer, silentMillis);
    }
    try {
      redials.execute(() -> {
        try {
          newConnection.accept(RaftPeerId.valueOf(peer));
        } catch (RuntimeException e) {
          LOG.warn("Redialling follower {} failed; the next check tries again", peer, e);
        } finally {
          redialing.remove(peer);
        }
      });
    } catch (RejectedExecutionException closing) {
      redialing.remove(peer);
    }
  }
}
