package dev.synod.consensus;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;

/**
 * Linearizable reads, served from this member's state once a {@link ReadFence} round that started after the read
 * arrived has ended and this member has applied the round's read index. The round shows that the leadership this
 * member saw when the read arrived was still current, and takes the leader's commit index on the way: on the
 * leader from its own log, on a follower from the leader's answer, so a follower's read costs one round trip.
 * When the round could not learn the index (the leader's committed entry was purged after a snapshot, or the
 * leader has not committed in its term yet), a barrier stands in: a ReadIndex request submitted straight to the
 * local server, for which Ratis asks the leader for its commit index and waits until this member has applied it.
 * Reads share rounds ({@link SharedRounds}), so under load a read costs one local query. Leaderless moments and
 * unconfirmed views are retried until {@code readTimeout}.
 */
final class LinearizableReads {
  private static final long RETRY_MILLIS = 50;

  private final RaftServer server;
  private final RaftPeerId self;
  private final RaftGroupId groupId;
  private final long timeoutNanos;
  private final ScheduledExecutorService timer;
  private final Executor queries;
  private final Function<byte[], byte[]> queryLocal;
  private final Supplier<Optional<String>> leaderHint;
  private final Supplier<Optional<Leadership>> view;
  private final ReadFence fence;
  private final AppliedIndexWaiters applied;
  private final SharedRounds<Void> barriers = new SharedRounds<>(this::barrier);
  private final LongAdder barrierRounds = new LongAdder();
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();

  /** {@code queries} runs the local queries and submits the barriers, off Ratis' and the probes' threads. */
  LinearizableReads(RaftServer server, RaftPeerId self, RaftGroupId groupId, ConsensusSettings settings,
      ScheduledExecutorService timer, Executor queries, Function<byte[], byte[]> queryLocal,
      Supplier<Optional<String>> leaderHint, Supplier<Optional<Leadership>> view, ReadFence fence,
      AppliedIndexWaiters applied) {
    this.server = server;
    this.self = self;
    this.groupId = groupId;
    this.timeoutNanos = settings.readTimeout().toNanos();
    this.timer = timer;
    this.queries = queries;
    this.queryLocal = queryLocal;
    this.leaderHint = leaderHint;
    this.view = view;
    this.fence = fence;
    this.applied = applied;
  }

  /** ReadIndex barriers run since start, for rounds that learned no read index. */
  long barrierRounds() {
    return barrierRounds.sum();
  }

  CompletableFuture<byte[]> read(byte[] query) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    attempt(query, System.nanoTime() + timeoutNanos, result);
    return result;
  }

  private void attempt(byte[] query, long deadline, CompletableFuture<byte[]> result) {
    // The basis is taken, and the round registered, before either computes anything.
    Optional<Leadership> basis = view.get();
    CompletableFuture<Leadership> servable =
        fence.next().thenCompose(point -> caughtUp(point, deadline).thenApply(v -> point.leadership()));
    servable.handleAsync((leadership, error) -> {
      Throwable problem = error != null ? LeaderClient.unwrap(error) : null;
      if (problem == null && !leadership.equals(basis.orElse(null))) {
        problem = new IOException("the leadership changed while the read ran: " + basis + ", then " + leadership);
      }
      if (problem == null) {
        answer(query, result);
      } else if (!(problem instanceof IOException)) {
        result.completeExceptionally(problem);
      } else if (System.nanoTime() - deadline >= 0) {
        result.completeExceptionally(new NotLeaderOrUnavailableException(
            "linearizable read not served within readTimeout: " + problem, leaderHint.get(), problem));
      } else {
        retry(query, deadline, result, problem);
      }
      return null;
    }, queries).exceptionally(closing -> {
      // Only a rejected hand-off gets here: the node is closing.
      result.completeExceptionally(new NotLeaderOrUnavailableException(
          "consensus node is closed", leaderHint.get(), closing));
      return null;
    });
  }

  /**
   * Waits until this member has applied the round's read index. A round without one runs a barrier on a follower;
   * on the leader it means the leader has not applied its term's first entry yet, and the read is retried until it
   * has: Ratis' ReadIndex in a one-member group answers with the current commit index without that check, and after
   * a restart that index may still predate the log's last acknowledged writes.
   */
  private CompletableFuture<Void> caughtUp(ReadPoint point, long deadline) {
    if (!point.indexKnown()) {
      return point.leadership().leaderId().equals(self.toString())
          ? CompletableFuture.failedFuture(new IOException("this member leads but has not applied its term's first"
              + " entry yet"))
          : barriers.next();
    }
    long index = point.readIndex();
    return applied.atLeast(index).orTimeout(Math.max(0, deadline - System.nanoTime()), TimeUnit.NANOSECONDS)
        .exceptionallyCompose(e -> CompletableFuture.failedFuture(e instanceof TimeoutException
            ? new IOException("this member had not applied the read index " + index + " within readTimeout")
            : e));
  }

  private void answer(byte[] query, CompletableFuture<byte[]> result) {
    try {
      result.complete(queryLocal.apply(query));
    } catch (RuntimeException e) {
      result.completeExceptionally(e); // the state machine's query rejected the request
    }
  }

  private void retry(byte[] query, long deadline, CompletableFuture<byte[]> result, Throwable problem) {
    try {
      timer.schedule(() -> attempt(query, deadline, result), RETRY_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      result.completeExceptionally(new NotLeaderOrUnavailableException(
          "consensus node is closed", leaderHint.get(), problem));
    }
  }

  /**
   * One ReadIndex round; its (empty) query is answered by {@link StateMachineAdapter#query}. The previous round
   * ends on Ratis' state machine updater thread, and Ratis' submit blocks its caller until a client-request thread
   * takes the request, so the submit runs on the query threads: submitting from the updater deadlocked servers
   * (it waited for client-request threads that waited for the server lock, held by a thread waiting for the
   * updater), seen in the chaos suite as a group that never elected a leader again.
   */
  private CompletableFuture<Void> barrier() {
    barrierRounds.increment();
    CompletableFuture<RaftClientReply> reply;
    try {
      reply = CompletableFuture.supplyAsync(this::submitBarrier, queries).thenCompose(submitted -> submitted);
    } catch (RejectedExecutionException closing) {
      reply = new CompletableFuture<>();
      reply.completeExceptionally(new IOException("consensus node is closing", closing));
    }
    return reply.thenApply(r -> {
      if (!r.isSuccess()) {
        throw new CompletionException(r.getException());
      }
      return null;
    });
  }

  private CompletableFuture<RaftClientReply> submitBarrier() {
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(clientId).setServerId(self).setGroupId(groupId).setCallId(callIds.incrementAndGet())
        .setMessage(Message.EMPTY).setType(RaftClientRequest.readRequestType()).build();
    try {
      return server.submitClientRequestAsync(request);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }
}
