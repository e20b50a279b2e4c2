package dev.synod.consensus;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;

/**
 * ReadIndex reads submitted straight to the local server (no RPC hop): Ratis asks the leader for its commit index
 * (one heartbeat round), waits until this node has applied it, then queries the local state machine. A
 * {@link ReadFence} round then shows that the leadership this node saw when the read arrived was still current
 * (Ratis' leader may skip its heartbeat round). Leaderless moments and unconfirmed views are retried until
 * {@code readTimeout}.
 */
final class LinearizableReads {
  private static final long RETRY_MILLIS = 50;

  private final RaftServer server;
  private final RaftPeerId self;
  private final RaftGroupId groupId;
  private final long timeoutNanos;
  private final ScheduledExecutorService timer;
  private final Supplier<Optional<String>> leaderHint;
  private final Supplier<Optional<Leadership>> view;
  private final ReadFence fence;
  private final ClientId clientId = ClientId.randomId();
  private final AtomicLong callIds = new AtomicLong();

  LinearizableReads(RaftServer server, RaftPeerId self, RaftGroupId groupId, ConsensusSettings settings,
      ScheduledExecutorService timer, Supplier<Optional<String>> leaderHint, Supplier<Optional<Leadership>> view,
      ReadFence fence) {
    this.server = server;
    this.self = self;
    this.groupId = groupId;
    this.timeoutNanos = settings.readTimeout().toNanos();
    this.timer = timer;
    this.leaderHint = leaderHint;
    this.view = view;
    this.fence = fence;
  }

  CompletableFuture<byte[]> read(byte[] query) {
    CompletableFuture<byte[]> result = new CompletableFuture<>();
    Message message = Message.valueOf(UnsafeByteOperations.unsafeWrap(query));
    attempt(message, System.nanoTime() + timeoutNanos, result);
    return result;
  }

  private void attempt(Message message, long deadline, CompletableFuture<byte[]> result) {
    RaftClientRequest request = RaftClientRequest.newBuilder()
        .setClientId(clientId).setServerId(self).setGroupId(groupId).setCallId(callIds.incrementAndGet())
        .setMessage(message).setType(RaftClientRequest.readRequestType()).build();
    // The basis is taken, and the fence round registered, before Ratis computes the read index.
    Optional<Leadership> basis = view.get();
    CompletableFuture<Leadership> confirmed = fence.next();
    CompletableFuture<RaftClientReply> reply;
    try {
      reply = server.submitClientRequestAsync(request);
    } catch (IOException e) {
      reply = CompletableFuture.failedFuture(e);
    }
    reply.thenCombine(confirmed, (r, leadership) -> r).whenComplete((r, error) -> {
      Throwable problem = error != null ? LeaderClient.unwrap(error) : r.isSuccess() ? null : r.getException();
      if (problem == null && !confirmed.join().equals(basis.orElse(null))) {
        problem = new IOException("the leadership changed while the read ran: " + basis + ", then "
            + confirmed.join());
      }
      if (problem == null) {
        result.complete(r.getMessage().getContent().toByteArray());
      } else if (problem instanceof StateMachineException && problem.getCause() instanceof RuntimeException q) {
        result.completeExceptionally(q); // the state machine's query rejected the request
      } else if (!(problem instanceof IOException)) {
        result.completeExceptionally(problem);
      } else if (System.nanoTime() - deadline >= 0) {
        result.completeExceptionally(new NotLeaderOrUnavailableException(
            "linearizable read not served within readTimeout: " + problem, leaderHint.get(), problem));
      } else {
        try {
          timer.schedule(() -> attempt(message, deadline, result), RETRY_MILLIS, TimeUnit.MILLISECONDS);
        } catch (RejectedExecutionException closing) {
          result.completeExceptionally(new NotLeaderOrUnavailableException(
              "consensus node is closed", leaderHint.get(), problem));
        }
      }
    });
  }
}
