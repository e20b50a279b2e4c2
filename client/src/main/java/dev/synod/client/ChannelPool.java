package dev.synod.client;

import com.google.protobuf.Descriptors.FieldDescriptor;
import com.google.protobuf.Message;
import dev.synod.proto.v1.ResponseHeader;
import io.grpc.CallCredentials;
import io.grpc.CallOptions;
import io.grpc.Channel;
import io.grpc.ClientCall;
import io.grpc.ClientInterceptor;
import io.grpc.ClientInterceptors;
import io.grpc.ConnectivityState;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.MethodDescriptor;
import io.grpc.Status;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One channel per target for the client's lifetime, plus endpoint choice: reads round-robin over
 * the configured endpoints, writes go to the last leader hint when there is one. Every call made
 * through {@link #channel} carries the client's call credentials, if any.
 */
final class ChannelPool implements AutoCloseable {
  /** Trailer a node may attach to UNAVAILABLE to name the leader's API address. */
  static final Metadata.Key<String> LEADER_TRAILER =
      Metadata.Key.of("synod-leader-api", Metadata.ASCII_STRING_MARSHALLER);

  private static final Logger log = LoggerFactory.getLogger(ChannelPool.class);

  private final List<String> endpoints;
  private final ChannelFactory factory;
  private final boolean followLeader;
  private final ClientInterceptor credentials;
  private final Map<String, Open> channels = new ConcurrentHashMap<>();
  private final AtomicInteger next = new AtomicInteger();
  private volatile String leader;
  private volatile boolean closed;

  /** The channel the client owns, and the view its calls go through. */
  private record Open(ManagedChannel managed, Channel calls) {}

  /** {@code callCredentials} may be null: calls then carry none. */
  ChannelPool(List<String> endpoints, ChannelFactory factory, boolean followLeader,
      CallCredentials callCredentials) {
    this.endpoints = endpoints;
    this.factory = factory;
    this.followLeader = followLeader;
    this.credentials = callCredentials == null ? null : withCredentials(callCredentials);
  }

  Channel channel(String target) {
    if (closed) {
      throw new SynodException(Status.Code.CANCELLED, "client is closed");
    }
    Open c = channels.computeIfAbsent(target, this::open);
    if (closed) {
      c.managed().shutdownNow();
      throw new SynodException(Status.Code.CANCELLED, "client is closed");
    }
    return c.calls();
  }

  private Open open(String target) {
    ManagedChannel managed = factory.create(target);
    return new Open(managed, credentials == null ? managed : ClientInterceptors.intercept(managed, credentials));
  }

  private static ClientInterceptor withCredentials(CallCredentials callCredentials) {
    return new ClientInterceptor() {
      @Override
      public <Q, R> ClientCall<Q, R> interceptCall(MethodDescriptor<Q, R> method, CallOptions options,
          Channel next) {
        return next.newCall(method, options.withCallCredentials(callCredentials));
      }
    };
  }

  /**
   * The target for the next attempt. {@code failed} is the target of the previous attempt (null on
   * the first), so a retry moves on to the endpoint after it. Endpoints whose channel cannot connect
   * are passed over while any other is left: a dead node then costs one failed attempt per channel,
   * not one in every N calls until it is back.
   */
  String pick(CallPolicy policy, String failed) {
    String l = leader;
    if (policy.toLeader && l != null && !l.equals(failed) && reachable(l)) {
      return l;
    }
    int n = endpoints.size();
    int i = failed == null ? -1 : endpoints.indexOf(failed);
    int start;
    if (i < 0) {
      start = Math.floorMod(next.getAndIncrement(), n);
      if (endpoints.get(start).equals(failed) && n > 1) {
        start = (start + 1) % n;
      }
    } else {
      start = (i + 1) % n;
    }
    for (int k = 0; k < n; k++) {
      String candidate = endpoints.get((start + k) % n);
      if (reachable(candidate) && (n == 1 || !candidate.equals(failed))) {
        return candidate;
      }
    }
    return endpoints.get(start);
  }

  /** False while the endpoint's channel is failing to connect; gRPC keeps reconnecting it with backoff. */
  private boolean reachable(String target) {
    Open c = channels.get(target);
    if (c == null) {
      return true;
    }
    try {
      return c.managed().getState(false) != ConnectivityState.TRANSIENT_FAILURE;
    } catch (UnsupportedOperationException e) {
      return true; // getState is optional for a ManagedChannel; a custom factory's channel may not report it
    }
  }

  String leader() {
    return leader;
  }

  /** Remembers the leader named in a response's header, if any. */
  void observe(Object response) {
    if (response instanceof Message m) {
      FieldDescriptor f = m.getDescriptorForType().findFieldByNumber(1);
      if (f != null && f.getType() == FieldDescriptor.Type.MESSAGE
          && f.getMessageType() == ResponseHeader.getDescriptor() && m.hasField(f)) {
        hint(((ResponseHeader) m.getField(f)).getLeaderApiAddress());
      }
    }
  }

  /** Learns from a failed attempt: a trailer hint wins; otherwise an unreachable leader is forgotten. */
  void observeFailure(String target, Status status, Metadata trailers) {
    String hinted = trailers == null ? null : trailers.get(LEADER_TRAILER);
    if (hinted != null && Endpoints.isHostPort(hinted)) {
      hint(hinted);
    } else if (status.getCode() == Status.Code.UNAVAILABLE && target.equals(leader)) {
      leader = null;
    }
  }

  private void hint(String address) {
    if (!followLeader || address == null || address.isEmpty() || address.equals(leader)) {
      return;
    }
    if (!Endpoints.isHostPort(address)) {
      log.debug("ignoring malformed leader hint '{}'", address);
      return;
    }
    log.debug("leader hint: {}", address);
    leader = address;
  }

  @Override
  public void close() {
    closed = true;
    List<ManagedChannel> open = channels.values().stream().map(Open::managed).toList();
    for (ManagedChannel c : open) {
      c.shutdown();
    }
    for (ManagedChannel c : open) {
      try {
        if (!c.awaitTermination(1, TimeUnit.SECONDS)) {
          c.shutdownNow();
        }
      } catch (InterruptedException e) {
        c.shutdownNow();
        Thread.currentThread().interrupt();
      }
    }
    channels.clear();
  }
}
