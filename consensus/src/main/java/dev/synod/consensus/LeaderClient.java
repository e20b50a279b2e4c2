package dev.synod.consensus;

import java.io.IOException;
import java.time.Duration;
import java.util.Collection;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientRpc;
import org.apache.ratis.client.retry.RequestTypeDependentRetryPolicy;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.RaftClientRequestProto.TypeCase;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SetConfigurationRequest;
import org.apache.ratis.protocol.exceptions.AlreadyClosedException;
import org.apache.ratis.protocol.exceptions.LeaderSteppingDownException;
import org.apache.ratis.protocol.exceptions.StateMachineException;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.retry.RetryPolicy;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.TimeDuration;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The node's internal Ratis client: it carries writes and admin requests to whichever server leads, retrying
 * with the same call id (so the leader's retry cache deduplicates) until {@code requestTimeout}. It is rebuilt
 * from the current configuration when that changes; the previous one is closed once its requests had time to end.
 */
final class LeaderClient implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(LeaderClient.class);
  /** Pause before a request goes again while no leader takes it. */
  static final long RETRY_MILLIS = 20;
  private static final String ILLEGAL_ARGUMENT_PREFIX = IllegalArgumentException.class.getName() + ": ";

  private final RaftProperties properties;
  private final Parameters parameters; // carries TLS: every client built here must use it
  private final ConsensusSettings settings;
  private final Supplier<RaftGroup> currentGroup;
  private final Supplier<Optional<String>> leaderHint;
  private final ScheduledExecutorService timer;
  private final RetryPolicy retryPolicy;
  private volatile LocalLeaderWrites local;
  private RaftClient client; // guarded by this
  private Set<String> clientMembers = Set.of(); // guarded by this; "id@address" the client was built with
  private boolean stale; // guarded by this
  private boolean closed; // guarded by this

  LeaderClient(RaftProperties properties, Parameters parameters, ConsensusSettings settings,
      Supplier<RaftGroup> currentGroup, Supplier<Optional<String>> leaderHint, ScheduledExecutorService timer) {
    this.properties = properties;
    this.parameters = parameters;
    this.settings = settings;
    this.currentGroup = currentGroup;
    this.leaderHint = leaderHint;
    this.timer = timer;
    this.retryPolicy = retryPolicy(settings.requestTimeout());
  }

  /**
   * Every request type: retry every 20 ms until the request is older than the timeout. Ratis retries at once
   * when a peer names the leader; the sleep applies while there is none (an election, or a new leader not yet
   * ready), so it is how late a write notices the new leader. The node keeps only a few requests in flight
   * (writes go in batches), so the retries cost little.
   */
  private static RetryPolicy retryPolicy(Duration timeout) {
    RequestTypeDependentRetryPolicy.Builder b = RequestTypeDependentRetryPolicy.newBuilder();
    RetryPolicy sleep =
        RetryPolicies.retryForeverWithSleep(TimeDuration.valueOf(RETRY_MILLIS, TimeUnit.MILLISECONDS));
    for (TypeCase type : TypeCase.values()) {
      b.setRetryPolicy(type, sleep).setTimeout(type, RatisProperties.td(timeout));
    }
    return b.build();
  }

  /**
   * A configuration was committed. Every new leader commits one, so the client is rebuilt (for the next request)
   * only when the members or their addresses differ from the ones it knows.
   */
  synchronized void configurationChanged(Set<String> members) {
    if (!members.equals(clientMembers)) {
      stale = true;
    }
  }

  static Set<String> members(Collection<RaftPeer> peers) {
    return peers.stream().map(p -> p.getId() + "@" + p.getAddress()).collect(Collectors.toUnmodifiableSet());
  }

  /** The state machine's reply to one entry, and the entry's index. */
  record AppliedEntry(long index, byte[] reply) {}

  /** Writes go in-process through {@code local} whenever this node leads (see {@link LocalLeaderWrites}). */
  void writeLocallyWhileLeading(LocalLeaderWrites local) {
    this.local = local;
  }

  CompletableFuture<AppliedEntry> write(byte[] entry) {
    CompletableFuture<AppliedEntry> result = new CompletableFuture<>();
    long deadline = System.nanoTime() + settings.requestTimeout().toNanos();
    attempt(Message.valueOf(UnsafeByteOperations.unsafeWrap(entry)), deadline, result);
    return result;
  }

  /**
   * A leader handing leadership over refuses writes with LeaderSteppingDownException before it appends them, and
   * the Ratis client passes that on as final, so such a write is proposed again until the timeout.
   */
  private void attempt(Message entry, long deadline, CompletableFuture<AppliedEntry> result) {
    LocalLeaderWrites direct = local;
    RaftClient via = null;
    CompletableFuture<RaftClientReply> sent;
    if (direct != null && direct.leads()) {
      sent = direct.write(entry);
    } else {
      try {
        via = client();
      } catch (IOException e) {
        result.completeExceptionally(e);
        return;
      }
      sent = via.async().send(entry);
    }
    RaftClient client = via;
    sent.whenComplete((reply, error) -> {
      if (error == null && reply.isSuccess()) {
        result.complete(new AppliedEntry(reply.getLogIndex(), reply.getMessage().getContent().toByteArray()));
        return;
      }
      Throwable failure = error != null ? error : reply.getException();
      if (client != null) {
        discardIfClosed(client, failure);
      }
      if (unwrap(failure) instanceof LeaderSteppingDownException && System.nanoTime() - deadline < 0) {
        try {
          timer.schedule(() -> attempt(entry, deadline, result), RETRY_MILLIS, TimeUnit.MILLISECONDS);
          return;
        } catch (RejectedExecutionException closing) {
          // the node is closing: fail below
        }
      }
      result.completeExceptionally(translate("write", failure));
    });
  }

  /**
   * Sends a request made elsewhere (a local write's resend, which keeps its client and call id) over this
   * client's RPC to the server the request names.
   */
  CompletableFuture<RaftClientReply> resend(RaftClientRequest request) {
    RaftClientRpc rpc;
    try {
      rpc = client().getClientRpc();
    } catch (IOException e) {
      return CompletableFuture.failedFuture(e);
    }
    return rpc.sendRequestAsyncUnordered(request).whenComplete((reply, error) -> {
      if (error != null) {
        rpc.handleException(request.getServerId(), error, rpc.shouldReconnect(error)); // a dead peer: reconnect
      }
    });
  }

  /**
   * Once Ratis closes a client's connection to a dead leader, that client fails every later request with
   * AlreadyClosedException instead of finding the new leader; replace it for the next request.
   */
  private synchronized void discardIfClosed(RaftClient failed, Throwable failure) {
    if (failed == client && !stale && causedBy(failure, AlreadyClosedException.class)) {
      LOG.info("Ratis client {} was closed under it ({}); building a new one", failed.getId(), failure.toString());
      stale = true;
    }
  }

  static boolean causedBy(Throwable failure, Class<? extends Throwable> type) {
    for (Throwable t = failure; t != null; t = t.getCause() == t ? null : t.getCause()) {
      if (type.isInstance(t)) {
        return true;
      }
    }
    return false;
  }

  /** Blocking; run it off Ratis threads. */
  RaftClientReply setConfiguration(SetConfigurationRequest.Arguments arguments) throws IOException {
    return client().admin().setConfiguration(arguments);
  }

  /** Blocking; run it off Ratis threads. */
  void transferLeadership(String targetId, Duration timeout) throws IOException {
    RaftClientReply reply = client().admin().transferLeadership(RaftPeerId.valueOf(targetId), timeout.toMillis());
    if (!reply.isSuccess()) {
      throw new IOException("transfer of leadership to " + targetId + " failed", reply.getException());
    }
  }

  private synchronized RaftClient client() throws NotLeaderOrUnavailableException {
    if (closed) {
      throw new NotLeaderOrUnavailableException("consensus node is closed", leaderHint.get(), null);
    }
    if (client != null && !stale) {
      return client;
    }
    RaftGroup group = currentGroup.get();
    if (group.getPeers().isEmpty()) {
      if (client != null) {
        return client;
      }
      throw new NotLeaderOrUnavailableException(
          "this node is not a member of any configuration yet", leaderHint.get(), null);
    }
    RaftClient.Builder b = RaftClient.newBuilder().setRaftGroup(group).setProperties(properties)
        .setParameters(parameters).setClientId(ClientId.randomId()).setRetryPolicy(retryPolicy);
    leaderHint.get().ifPresent(l -> b.setLeaderId(RaftPeerId.valueOf(l)));
    RaftClient previous = client;
    client = b.build();
    clientMembers = members(group.getPeers());
    stale = false;
    if (previous != null) {
      long grace = settings.requestTimeout().multipliedBy(2).toMillis();
      timer.schedule(() -> closeQuietly(previous), grace, TimeUnit.MILLISECONDS);
    }
    return client;
  }

  /**
   * A rejected proposal becomes {@link IllegalArgumentException} with the state machine's message; anything else
   * means no leader took the request in time.
   */
  Throwable translate(String what, Throwable error) {
    Throwable t = unwrap(error);
    if (t instanceof StateMachineException sme) {
      Throwable cause = sme.getCause();
      if (cause instanceof IllegalArgumentException) {
        return new IllegalArgumentException(cause.getMessage(), sme);
      }
      String msg = String.valueOf(sme.getMessage());
      int at = msg.indexOf(ILLEGAL_ARGUMENT_PREFIX);
      if (cause == null && at >= 0) {
        return new IllegalArgumentException(msg.substring(at + ILLEGAL_ARGUMENT_PREFIX.length()), sme);
      }
      return new IllegalStateException("state machine failed: " + msg, sme);
    }
    return new NotLeaderOrUnavailableException(what + " failed (no leader took it within requestTimeout "
        + settings.requestTimeout() + ", or the request was cut short): " + t, leaderHint.get(), t);
  }

  static Throwable unwrap(Throwable t) {
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }

  @Override
  public void close() {
    RaftClient c;
    synchronized (this) {
      closed = true;
      c = client;
      client = null;
    }
    if (c != null) {
      closeQuietly(c);
    }
  }

  private static void closeQuietly(RaftClient c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing a Ratis client failed", e);
    }
  }
}
