package dev.synod.consensus;

import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executor;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.LongAdder;
import java.util.function.Function;
import java.util.function.Supplier;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientAsynchronousProtocol;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.rpc.CallId;
import org.apache.ratis.server.RaftServer;

/**
 * Writes proposed on the node that leads enter its Raft division in-process instead of taking the Ratis client's
 * gRPC round trip to its own server (a serialisation each way, two loopback socket crossings and their thread
 * hand-offs). Writes proposed on a follower keep the Ratis client.
 *
 * <p>A write that fails for any reason but the state machine's rejection is resent every
 * {@link LeaderClient#RETRY_MILLIS} ms until {@code requestTimeout}, with the same client and call id, to
 * whichever server leads then: in-process if this one leads again, else over the Ratis client's RPC. A leader that
 * already holds the entry (one a deposed leader appended and its successor committed) answers from its retry
 * cache, so no command applies twice.
 *
 * <p>Replies continue on {@code replies}, never on a Ratis thread: the next submit may follow from a reply, and a
 * submit from Ratis' own threads can deadlock the server (see {@link LinearizableReads}).
 */
final class LocalLeaderWrites {
  private final Supplier<RaftServer.Division> division;
  private final RaftServer server;
  private final RaftPeerId self;
  private final RaftGroupId groupId;
  private final ClientId clientId = ClientId.randomId();
  private final Supplier<Optional<String>> leaderHint;
  private final Function<RaftClientRequest, CompletableFuture<RaftClientReply>> remote;
  private final ScheduledExecutorService timer;
  private final Executor replies;
  private final DeadlineSweep deadlines;
  private final LongAdder resends = new LongAdder();

  /** {@code remote} sends a request to the server it names (LeaderClient::resend). */
  LocalLeaderWrites(RaftServer server, Supplier<RaftServer.Division> division, RaftPeerId self,
      RaftGroupId groupId, Supplier<Optional<String>> leaderHint,
      Function<RaftClientRequest, CompletableFuture<RaftClientReply>> remote, ScheduledExecutorService timer,
      Executor replies, Duration timeout) {
    this.server = server;
    this.division = division;
    this.self = self;
    this.groupId = groupId;
    this.leaderHint = leaderHint;
    this.remote = remote;
    this.timer = timer;
    this.replies = replies;
    this.deadlines = new DeadlineSweep(timer, timeout, System::nanoTime);
  }

  /** Whether this node leads and has applied its own first entry, so it takes writes now. */
  boolean leads() {
    RaftServer.Division d = division.get();
    return d != null && d.getInfo().isLeaderReady();
  }

  /** Fails the writes still waiting for a reply: the node's timer, which would time them out, stops. */
  void close() {
    deadlines.close();
  }

  /** Attempts after the first, counted since start. */
  long resends() {
    return resends.sum();
  }

  /**
   * Replicates one entry. Completes with the leader's reply (a success, or the state machine's rejection), or
   * fails with {@link java.util.concurrent.TimeoutException} once {@code requestTimeout} passed.
   */
  CompletableFuture<RaftClientReply> write(Message entry) {
    RaftClientRequest request = request(self, CallId.getAndIncrement(), entry);
    CompletableFuture<RaftClientReply> result = deadlines.watch(new CompletableFuture<>());
    attempt(request, result);
    return result;
  }

  private RaftClientRequest request(RaftPeerId target, long callId, Message entry) {
    return RaftClientRequest.newBuilder().setClientId(clientId).setServerId(target).setGroupId(groupId)
        .setCallId(callId).setMessage(entry).setType(RaftClientRequest.writeRequestType()).build();
  }

  private void attempt(RaftClientRequest request, CompletableFuture<RaftClientReply> result) {
    if (result.isDone()) {
      return; // timed out
    }
    send(request).whenComplete((reply, error) -> {
      try {
        replies.execute(() -> settle(request, reply, error, result));
      } catch (RejectedExecutionException closing) {
        result.completeExceptionally(new IOException("consensus node is closing", closing));
      }
    });
  }

  private CompletableFuture<RaftClientReply> send(RaftClientRequest request) {
    if (!request.getServerId().equals(self)) {
      return remote.apply(request);
    }
    try {
      // The division takes the request on this thread; the server would first hand it to a client-request thread.
      return division.get() instanceof RaftClientAsynchronousProtocol local
          ? local.submitClientRequestAsync(request)
          : server.submitClientRequestAsync(request);
    } catch (IOException | RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  private void settle(RaftClientRequest request, RaftClientReply reply, Throwable error,
      CompletableFuture<RaftClientReply> result) {
    if (error == null && (reply.isSuccess() || reply.getStateMachineException() != null)) {
      result.complete(reply);
      return;
    }
    retryLater(request, error != null ? error : reply.getException(), result);
  }

  private void retryLater(RaftClientRequest request, Throwable failure, CompletableFuture<RaftClientReply> result) {
    try {
      timer.schedule(() -> resend(request, failure, result), LeaderClient.RETRY_MILLIS, TimeUnit.MILLISECONDS);
    } catch (RejectedExecutionException closing) {
      result.completeExceptionally(failure);
    }
  }

  /** The same call id again, to the server that leads now; while none is known, wait another round. */
  private void resend(RaftClientRequest previous, Throwable failure, CompletableFuture<RaftClientReply> result) {
    Optional<RaftPeerId> target = leads() ? Optional.of(self) : leaderHint.get().map(RaftPeerId::valueOf);
    if (target.isEmpty()) {
      retryLater(previous, failure, result);
      return;
    }
    resends.increment();
    attempt(request(target.get(), previous.getCallId(), previous.getMessage()), result);
  }
}
