package dev.synod.client;

import dev.synod.proto.v1.*;
import dev.synod.security.tls.TlsCredentials;
import io.grpc.MethodDescriptor;
import java.io.InputStream;
import java.io.OutputStream;
import java.io.UncheckedIOException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ScheduledThreadPoolExecutor;

/**
 * The Java SDK for a Synod cluster: KV, registration, cluster admin, ACL ({@link #acl()}) and
 * certificate ({@link #certificates()}) calls over one reused channel per endpoint.
 *
 * <p>Channels use mutual TLS ({@link Builder#tls}) unless plaintext is asked for explicitly
 * ({@link Builder#insecurePlaintext}); a bearer token ({@link Builder#token}) rides on every call.
 *
 * <p>Every unary call has a deadline (per attempt). Only idempotent calls are retried, with
 * exponential backoff and jitter, on UNAVAILABLE (reads also on DEADLINE_EXCEEDED), each retry on
 * the next endpoint: get, range, leaseList, list, members, raftPeers, status, autopilotState,
 * heartbeat, register (an upsert), leaseKeepAlive and watch reconnects. put, cas, delete,
 * leaseGrant, leaseRevoke, setState, deregister, transferLeader, removePeer, saveSnapshot and
 * restoreSnapshot are not retried after an ambiguous failure: the first attempt may have been
 * applied, and a retry could apply it twice. Any call is retried on the next endpoint when its
 * connection was refused, since no server saw it, and endpoints whose channel cannot connect are
 * passed over while another is left.
 *
 * <p>Writes go to the leader named in the last response header (or in a {@code synod-leader-api}
 * trailer on UNAVAILABLE) and fall back to the configured endpoints; reads round-robin.
 *
 * <p>Failures surface as {@link SynodException}; local file I/O failures of the snapshot calls as
 * {@link UncheckedIOException}. The client is thread-safe.
 */
public final class SynodClient implements AutoCloseable {
  private final ChannelPool pool;
  private final ScheduledExecutorService scheduler;
  private final UnaryCaller caller;
  private final SnapshotTransfer snapshots;
  private final AclClient acl;
  private final CertificateClient certificates;
  private final List<String> endpoints;
  private final Duration deadline;
  private final int maxRetries;
  private final Backoff backoff;
  private final Set<WatchStream> watches = ConcurrentHashMap.newKeySet();

  SynodClient(Builder b, ChannelSecurity security) {
    this.endpoints = b.endpoints;
    this.deadline = b.deadline;
    this.maxRetries = b.maxRetries;
    this.backoff = new Backoff(b.initialBackoff, b.maxBackoff);
    this.pool = new ChannelPool(b.endpoints, security.factory(), b.followLeader, security.callCredentials());
    ScheduledThreadPoolExecutor s = new ScheduledThreadPoolExecutor(1, r -> {
      Thread t = new Thread(r, "synod-client-retry");
      t.setDaemon(true);
      return t;
    });
    s.setRemoveOnCancelPolicy(true);
    this.scheduler = s;
    this.caller = new UnaryCaller(pool, scheduler, deadline, maxRetries, backoff);
    this.snapshots = new SnapshotTransfer(pool, b.snapshotDeadline);
    this.acl = new AclClient(caller);
    this.certificates = new CertificateClient(caller);
  }

  public static Builder builder() {
    return new Builder();
  }

  /** The configured endpoints. */
  public List<String> endpoints() {
    return endpoints;
  }

  /** The leader API address last learned from a response or trailer, or null if none. */
  public String leaderHint() {
    return pool.leader();
  }

  /** ACL tokens: bootstrap, create, list, revoke, rotate. */
  public AclClient acl() {
    return acl;
  }

  /** The cluster's CA: sign a CSR, fetch the roots. */
  public CertificateClient certificates() {
    return certificates;
  }

  // ---- KV ----

  public GetResponse get(GetRequest request) {
    return caller.await(KvGrpc.getGetMethod(), request, CallPolicy.READ);
  }

  public CompletableFuture<GetResponse> getAsync(GetRequest request) {
    return caller.call(KvGrpc.getGetMethod(), request, CallPolicy.READ);
  }

  public RangeResponse range(RangeRequest request) {
    return caller.await(KvGrpc.getRangeMethod(), request, CallPolicy.READ);
  }

  public CompletableFuture<RangeResponse> rangeAsync(RangeRequest request) {
    return caller.call(KvGrpc.getRangeMethod(), request, CallPolicy.READ);
  }

  /** Not retried. */
  public PutResponse put(PutRequest request) {
    return caller.await(KvGrpc.getPutMethod(), request, CallPolicy.WRITE);
  }

  /** Not retried; completes exceptionally with {@link SynodException}. */
  public CompletableFuture<PutResponse> putAsync(PutRequest request) {
    return caller.call(KvGrpc.getPutMethod(), request, CallPolicy.WRITE);
  }

  /** Not retried. A revision mismatch is {@code succeeded = false}, not an exception. */
  public CasResponse cas(CasRequest request) {
    return caller.await(KvGrpc.getCasMethod(), request, CallPolicy.WRITE);
  }

  public CompletableFuture<CasResponse> casAsync(CasRequest request) {
    return caller.call(KvGrpc.getCasMethod(), request, CallPolicy.WRITE);
  }

  /** Not retried. */
  public DeleteResponse delete(DeleteRequest request) {
    return caller.await(KvGrpc.getDeleteMethod(), request, CallPolicy.WRITE);
  }

  public CompletableFuture<DeleteResponse> deleteAsync(DeleteRequest request) {
    return caller.call(KvGrpc.getDeleteMethod(), request, CallPolicy.WRITE);
  }

  /** Not retried: a retry could grant two leases. */
  public LeaseGrantResponse leaseGrant(LeaseGrantRequest request) {
    return caller.await(KvGrpc.getLeaseGrantMethod(), request, CallPolicy.WRITE);
  }

  /** Not retried. */
  public LeaseRevokeResponse leaseRevoke(LeaseRevokeRequest request) {
    return caller.await(KvGrpc.getLeaseRevokeMethod(), request, CallPolicy.WRITE);
  }

  public LeaseKeepAliveResponse leaseKeepAlive(LeaseKeepAliveRequest request) {
    return caller.await(KvGrpc.getLeaseKeepAliveMethod(), request, CallPolicy.IDEMPOTENT_WRITE);
  }

  public LeaseListResponse leaseList(LeaseListRequest request) {
    return caller.await(KvGrpc.getLeaseListMethod(), request, CallPolicy.READ);
  }

  /** Watches KV events; reconnects automatically (see {@link WatchListener}). */
  public WatchHandle watchKv(WatchRequest request, WatchListener listener) {
    return watch(KvGrpc.getWatchMethod(),
        request.toBuilder().setTarget(WatchTarget.WATCH_KV).build(), listener);
  }

  // ---- Registration ----

  /** Retried: registering is an upsert. */
  public RegisterResponse register(RegisterRequest request) {
    return caller.await(RegistrationGrpc.getRegisterMethod(), request, CallPolicy.IDEMPOTENT_WRITE);
  }

  public HeartbeatResponse heartbeat(HeartbeatRequest request) {
    return caller.await(RegistrationGrpc.getHeartbeatMethod(), request, CallPolicy.IDEMPOTENT_WRITE);
  }

  /** Not retried. */
  public SetRegistrantStateResponse setState(SetRegistrantStateRequest request) {
    return caller.await(RegistrationGrpc.getSetStateMethod(), request, CallPolicy.WRITE);
  }

  /** Not retried. */
  public DeregisterResponse deregister(DeregisterRequest request) {
    return caller.await(RegistrationGrpc.getDeregisterMethod(), request, CallPolicy.WRITE);
  }

  public ListRegistrantsResponse list(ListRegistrantsRequest request) {
    return caller.await(RegistrationGrpc.getListMethod(), request, CallPolicy.READ);
  }

  /** Watches registrant events; reconnects automatically (see {@link WatchListener}). */
  public WatchHandle watchRegistrants(WatchRequest request, WatchListener listener) {
    return watch(RegistrationGrpc.getWatchMethod(),
        request.toBuilder().setTarget(WatchTarget.WATCH_REGISTRANTS).build(), listener);
  }

  // ---- Cluster ----

  public MembersResponse members() {
    return caller.await(ClusterGrpc.getMembersMethod(), MembersRequest.getDefaultInstance(), CallPolicy.READ);
  }

  public RaftPeersResponse raftPeers() {
    return caller.await(ClusterGrpc.getRaftPeersMethod(), RaftPeersRequest.getDefaultInstance(),
        CallPolicy.READ);
  }

  public StatusResponse status() {
    return caller.await(ClusterGrpc.getStatusMethod(), StatusRequest.getDefaultInstance(), CallPolicy.READ);
  }

  /** Status of one specific node; retries stay on that endpoint. */
  public StatusResponse status(String endpoint) {
    Endpoints.validate(endpoint);
    return UnaryCaller.join(caller.callAt(endpoint, ClusterGrpc.getStatusMethod(),
        StatusRequest.getDefaultInstance(), CallPolicy.READ));
  }

  /** Not retried. */
  public TransferLeaderResponse transferLeader(TransferLeaderRequest request) {
    return caller.await(ClusterGrpc.getTransferLeaderMethod(), request, CallPolicy.WRITE);
  }

  /** Not retried. */
  public RemovePeerResponse removePeer(RemovePeerRequest request) {
    return caller.await(ClusterGrpc.getRemovePeerMethod(), request, CallPolicy.WRITE);
  }

  public AutopilotStateResponse autopilotState() {
    return caller.await(ClusterGrpc.getAutopilotStateMethod(), AutopilotStateRequest.getDefaultInstance(),
        CallPolicy.READ);
  }

  /**
   * Streams a snapshot into {@code out} in the snapshot file format, verifying the server's
   * sha256. Not retried; on failure what was written to {@code out} is incomplete and must be
   * discarded. {@code out} is flushed, not closed.
   */
  public SnapshotHeader saveSnapshot(OutputStream out) {
    return snapshots.save(Objects.requireNonNull(out, "out"));
  }

  /** Saves to {@code file} atomically: a temporary sibling is renamed only after verification. */
  public SnapshotHeader saveSnapshot(Path file) {
    return snapshots.save(Objects.requireNonNull(file, "file"));
  }

  /**
   * Verifies a snapshot file's checksum (DATA_LOSS {@link SynodException} if corrupt), then
   * streams it to the leader in chunks of at most 1 MiB. Not retried. The stream is spooled to a
   * temporary file first; prefer {@link #restoreSnapshot(Path)} for files.
   */
  public SnapshotRestoreResponse restoreSnapshot(InputStream in) {
    return snapshots.restore(Objects.requireNonNull(in, "in"));
  }

  public SnapshotRestoreResponse restoreSnapshot(Path file) {
    return snapshots.restore(Objects.requireNonNull(file, "file"));
  }

  /**
   * Cancels watches and shuts the channels down. Calls waiting to retry fail with CANCELLED
   * ("client is closed") when their backoff ends.
   */
  @Override
  public void close() {
    for (WatchStream w : List.copyOf(watches)) {
      w.close();
    }
    pool.close();
    // shutdown(), not shutdownNow(): delayed retries still run, find the pool closed and fail.
    scheduler.shutdown();
  }

  private WatchHandle watch(MethodDescriptor<WatchRequest, WatchResponse> method, WatchRequest request,
      WatchListener listener) {
    WatchStream w = new WatchStream(pool, method, request, Objects.requireNonNull(listener, "listener"),
        scheduler, deadline, maxRetries, backoff, watches::remove);
    watches.add(w);
    w.start();
    return w;
  }

  /** Builds a {@link SynodClient}; each setter rejects a bad value at once. */
  public static final class Builder {
    private List<String> endpoints;
    private Duration deadline = Duration.ofSeconds(5);
    private Duration snapshotDeadline = Duration.ofMinutes(10);
    private int maxRetries = 5;
    private Duration initialBackoff = Duration.ofMillis(50);
    private Duration maxBackoff = Duration.ofSeconds(2);
    private ChannelFactory channelFactory;
    private TlsCredentials tls;
    private boolean insecurePlaintext;
    private String token;
    private boolean followLeader = true;

    Builder() {}

    /** Required: {@code host:port} of one or more nodes. */
    public Builder endpoints(List<String> endpoints) {
      this.endpoints = Endpoints.validate(endpoints);
      return this;
    }

    public Builder endpoints(String... endpoints) {
      return endpoints(List.of(endpoints));
    }

    /** Deadline of each unary attempt, and of a watch's (re)creation; default 5 s. */
    public Builder deadline(Duration deadline) {
      this.deadline = positive("deadline", deadline);
      return this;
    }

    /** Deadline of a whole snapshot save or restore; default 10 min. */
    public Builder snapshotDeadline(Duration deadline) {
      this.snapshotDeadline = positive("snapshotDeadline", deadline);
      return this;
    }

    /** Retries after the first attempt of a call that may be retried; default 5. */
    public Builder maxRetries(int maxRetries) {
      if (maxRetries < 0 || maxRetries > 100) {
        throw new IllegalArgumentException("maxRetries: " + maxRetries + " (expected: 0..100)");
      }
      this.maxRetries = maxRetries;
      return this;
    }

    public Builder initialBackoff(Duration initialBackoff) {
      this.initialBackoff = positive("initialBackoff", initialBackoff);
      return this;
    }

    public Builder maxBackoff(Duration maxBackoff) {
      this.maxBackoff = positive("maxBackoff", maxBackoff);
      return this;
    }

    /**
     * Whether writes follow the leader learned from responses (default true). Off, every call stays on the
     * configured endpoints, so a test can pin a client to one node.
     */
    public Builder followLeader(boolean followLeader) {
      this.followLeader = followLeader;
      return this;
    }

    /**
     * TLS on every channel. The credentials' trust manager decides which servers are accepted (use
     * {@code PeerPolicy.servers(clusterId)}); host names are not checked. Their identity, if any, is
     * presented as client certificate, including one set after the client was built. The caller
     * keeps ownership of {@code credentials} and closes them after the client.
     */
    public Builder tls(TlsCredentials credentials) {
      this.tls = Objects.requireNonNull(credentials, "credentials");
      return this;
    }

    /** Plaintext channels: no encryption, no server authentication. For development clusters only. */
    public Builder insecurePlaintext() {
      this.insecurePlaintext = true;
      return this;
    }

    /**
     * Sends {@code authorization: Bearer <secret>} on every call. Needs {@link #tls}; the header is
     * never sent over an unencrypted channel.
     */
    public Builder token(String secret) {
      this.token = BearerToken.validate(secret);
      return this;
    }

    /**
     * Opens channels with the caller's factory instead of {@link #tls} or {@link #insecurePlaintext}:
     * the factory secures its channels itself (tests use in-process channels).
     */
    public Builder channelFactory(ChannelFactory channelFactory) {
      this.channelFactory = Objects.requireNonNull(channelFactory, "channelFactory");
      return this;
    }

    /**
     * @throws IllegalStateException when no transport was chosen (call {@link #tls} or
     *     {@link #insecurePlaintext}), when several were, or when a token is set without TLS
     */
    public SynodClient build() {
      if (endpoints == null) {
        throw new IllegalArgumentException("endpoints: not set (expected: at least one host:port)");
      }
      if (maxBackoff.compareTo(initialBackoff) < 0) {
        throw new IllegalArgumentException("maxBackoff: " + maxBackoff
            + " (expected: >= initialBackoff " + initialBackoff + ")");
      }
      return new SynodClient(this, ChannelSecurity.choose(tls, insecurePlaintext, channelFactory, token));
    }

    private static Duration positive(String name, Duration d) {
      if (d == null || d.isNegative() || d.isZero()) {
        throw new IllegalArgumentException(name + ": " + d + " (expected: > 0)");
      }
      return d;
    }
  }
}
