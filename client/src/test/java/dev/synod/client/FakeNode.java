package dev.synod.client;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.*;
import io.grpc.BindableService;
import io.grpc.Context;
import io.grpc.Deadline;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerCredentials;
import io.grpc.ServerServiceDefinition;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.netty.shaded.io.grpc.netty.NettyServerBuilder;
import io.grpc.stub.ServerCallStreamObserver;
import io.grpc.stub.StreamObserver;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.security.MessageDigest;
import java.time.Instant;
import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.BiConsumer;
import javax.net.ssl.SSLSession;

/**
 * A fake translation node for client tests: the Kv, Registration and Cluster services over a tiny
 * in-memory KV, any extra services a test adds, plus scripted failures and hangs per method and a
 * log of every request received with its headers and TLS session.
 */
public final class FakeNode implements AutoCloseable {
  /**
   * One request as the server saw it: the deadline and headers the client attached, the TLS
   * session (null on plaintext and in-process) and when it arrived.
   */
  public record Received(String method, Object request, Deadline deadline, Metadata headers, SSLSession tls,
      Instant at) {}

  private record Failure(Status status, Metadata trailers) {}

  public final String address;
  public final List<Received> received = new CopyOnWriteArrayList<>();
  /** Leader API address stamped into every response header ("" = unknown). */
  public volatile String leaderApi = "";
  public volatile String leaderId = "";
  /** Watch behaviour for both services; default: created, then stays open. */
  public volatile BiConsumer<WatchRequest, ServerCallStreamObserver<WatchResponse>> watchScript;
  /** Data served by SnapshotSave, in chunks of {@link #snapshotChunkBytes}. */
  public volatile byte[] snapshotData = new byte[0];
  public volatile int snapshotChunkBytes = 1024 * 1024;
  /** When set, SnapshotSave sends this instead of the real sha256. */
  public volatile String snapshotShaOverride;

  private final Map<String, Deque<Failure>> failures = new ConcurrentHashMap<>();
  private final Set<String> hangs = ConcurrentHashMap.newKeySet();
  private final TreeMap<String, KeyValue> kv = new TreeMap<>();
  private final AtomicLong revision = new AtomicLong();
  private final Server server;

  private FakeNode(String address, Server server) {
    this.address = address;
    this.server = server;
  }

  /** An in-process node; connect with {@link #inProcessChannels}. */
  public static FakeNode inProcess(String address, BindableService... extra) throws IOException {
    FakeNode[] self = new FakeNode[1];
    Server s = InProcessServerBuilder.forName(address).addServices(services(self, extra)).build();
    self[0] = new FakeNode(address, s);
    s.start();
    return self[0];
  }

  /** A plaintext node on a real loopback port (for CLI tests). */
  public static FakeNode netty(BindableService... extra) throws IOException {
    FakeNode[] self = new FakeNode[1];
    Server s = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0))
        .addServices(services(self, extra)).build().start();
    self[0] = new FakeNode("127.0.0.1:" + s.getPort(), s);
    return self[0];
  }

  /** A TLS node on a real loopback port. */
  public static FakeNode tls(ServerCredentials credentials, BindableService... extra) throws IOException {
    FakeNode[] self = new FakeNode[1];
    Server s = NettyServerBuilder.forAddress(new InetSocketAddress("127.0.0.1", 0), credentials)
        .addServices(services(self, extra)).build().start();
    self[0] = new FakeNode("127.0.0.1:" + s.getPort(), s);
    return self[0];
  }

  private static List<ServerServiceDefinition> services(FakeNode[] self, BindableService... extra) {
    Script script = new Script(self);
    List<ServerServiceDefinition> all = new ArrayList<>(List.of(ServerInterceptors.intercept(new Kv(self), script),
        ServerInterceptors.intercept(new Registration(self), script),
        ServerInterceptors.intercept(new Cluster(self), script)));
    for (BindableService service : extra) {
      all.add(ServerInterceptors.intercept(service, script));
    }
    return all;
  }

  /** Channel factory mapping each target name to the in-process server of that name. */
  public static ManagedChannel inProcessChannels(String target) {
    return InProcessChannelBuilder.forName(target).build();
  }

  /** The next {@code times} calls of {@code method} (bare name, e.g. "Get") fail with status. */
  public FakeNode failNext(String method, int times, Status status) {
    return failNext(method, times, status, new Metadata());
  }

  public FakeNode failNext(String method, int times, Status status, Metadata trailers) {
    Deque<Failure> q = failures.computeIfAbsent(method, m -> new ArrayDeque<>());
    synchronized (q) {
      for (int i = 0; i < times; i++) {
        q.add(new Failure(status, trailers));
      }
    }
    return this;
  }

  /** Calls of {@code method} are accepted but never answered. */
  public FakeNode hang(String method) {
    hangs.add(method);
    return this;
  }

  public List<Received> received(String method) {
    return received.stream().filter(r -> r.method().equals(method)).toList();
  }

  public ResponseHeader header() {
    return ResponseHeader.newBuilder().setRevision(revision.get()).setServedBy(address)
        .setLeaderId(leaderId).setLeaderApiAddress(leaderApi).build();
  }

  @Override
  public void close() {
    server.shutdownNow();
    try {
      server.awaitTermination(5, TimeUnit.SECONDS);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Records every request; applies scripted failures and hangs before the service sees it. */
  private static final class Script implements ServerInterceptor {
    private final FakeNode[] self;

    Script(FakeNode[] self) {
      this.self = self;
    }

    @Override
    public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
        ServerCallHandler<Q, R> next) {
      FakeNode node = self[0];
      String method = call.getMethodDescriptor().getBareMethodName();
      Deadline deadline = Context.current().getDeadline();
      SSLSession tls = call.getAttributes().get(Grpc.TRANSPORT_ATTR_SSL_SESSION);
      Deque<Failure> q = node.failures.get(method);
      Failure f = null;
      if (q != null) {
        synchronized (q) {
          f = q.poll();
        }
      }
      if (f == null && !node.hangs.contains(method)) {
        return new SimpleForwardingServerCallListener<Q>(next.startCall(call, headers)) {
          @Override
          public void onMessage(Q message) {
            node.received.add(new Received(method, message, deadline, headers, tls, Instant.now()));
            super.onMessage(message);
          }
        };
      }
      Failure failure = f;
      call.request(1);
      return new ServerCall.Listener<Q>() {
        @Override
        public void onMessage(Q message) {
          node.received.add(new Received(method, message, deadline, headers, tls, Instant.now()));
          if (failure != null) {
            call.close(failure.status(), failure.trailers());
          }
        }
      };
    }
  }

  private static <T> void reply(StreamObserver<T> obs, T value) {
    obs.onNext(value);
    obs.onCompleted();
  }

  private static final class Kv extends KvGrpc.KvImplBase {
    private final FakeNode[] self;

    Kv(FakeNode[] self) {
      this.self = self;
    }

    @Override
    public void get(GetRequest req, StreamObserver<GetResponse> obs) {
      FakeNode n = self[0];
      synchronized (n.kv) {
        GetResponse.Builder b = GetResponse.newBuilder().setHeader(n.header());
        KeyValue v = n.kv.get(req.getKey().toStringUtf8());
        if (v != null) {
          b.setKv(v);
        }
        reply(obs, b.build());
      }
    }

    @Override
    public void range(RangeRequest req, StreamObserver<RangeResponse> obs) {
      FakeNode n = self[0];
      synchronized (n.kv) {
        RangeResponse.Builder b = RangeResponse.newBuilder().setHeader(n.header());
        n.kv.forEach((k, v) -> {
          if (k.startsWith(req.getPrefix().toStringUtf8())) {
            b.addKvs(v);
          }
        });
        reply(obs, b.build());
      }
    }

    @Override
    public void put(PutRequest req, StreamObserver<PutResponse> obs) {
      FakeNode n = self[0];
      synchronized (n.kv) {
        reply(obs, PutResponse.newBuilder().setKv(n.store(req.getKey(), req.getValue())).setHeader(n.header()).build());
      }
    }

    @Override
    public void cas(CasRequest req, StreamObserver<CasResponse> obs) {
      FakeNode n = self[0];
      synchronized (n.kv) {
        KeyValue cur = n.kv.get(req.getKey().toStringUtf8());
        long actual = cur == null ? 0 : cur.getModRevision();
        CasResponse.Builder b = CasResponse.newBuilder();
        if (actual == req.getExpectedModRevision()) {
          b.setSucceeded(true).setKv(n.store(req.getKey(), req.getValue()));
        } else if (cur != null) {
          b.setKv(cur);
        }
        reply(obs, b.setHeader(n.header()).build());
      }
    }

    @Override
    public void delete(DeleteRequest req, StreamObserver<DeleteResponse> obs) {
      FakeNode n = self[0];
      synchronized (n.kv) {
        long deleted = n.kv.remove(req.getKey().toStringUtf8()) == null ? 0 : 1;
        reply(obs, DeleteResponse.newBuilder().setDeleted(deleted).setHeader(n.header()).build());
      }
    }

    @Override
    public void leaseGrant(LeaseGrantRequest req, StreamObserver<LeaseGrantResponse> obs) {
      reply(obs, LeaseGrantResponse.newBuilder().setHeader(self[0].header())
          .setLease(Lease.newBuilder().setId(7).setTtlMillis(req.getTtlMillis())).build());
    }

    @Override
    public void leaseKeepAlive(LeaseKeepAliveRequest req, StreamObserver<LeaseKeepAliveResponse> obs) {
      reply(obs, LeaseKeepAliveResponse.newBuilder().setHeader(self[0].header())
          .setLease(Lease.newBuilder().setId(req.getLeaseId())).build());
    }

    @Override
    public void watch(WatchRequest req, StreamObserver<WatchResponse> obs) {
      self[0].watch(req, obs);
    }
  }

  private KeyValue store(ByteString key, ByteString value) {
    long rev = revision.incrementAndGet();
    KeyValue prev = kv.get(key.toStringUtf8());
    KeyValue next = KeyValue.newBuilder().setKey(key).setValue(value).setModRevision(rev)
        .setCreateRevision(prev == null ? rev : prev.getCreateRevision())
        .setVersion(prev == null ? 1 : prev.getVersion() + 1).build();
    kv.put(key.toStringUtf8(), next);
    return next;
  }

  private void watch(WatchRequest req, StreamObserver<WatchResponse> obs) {
    var script = watchScript;
    ServerCallStreamObserver<WatchResponse> o = (ServerCallStreamObserver<WatchResponse>) obs;
    if (script != null) {
      script.accept(req, o);
    } else {
      o.onNext(WatchResponse.newBuilder().setCreated(true).setHeader(header()).build());
    }
  }

  private static final class Registration extends RegistrationGrpc.RegistrationImplBase {
    private final FakeNode[] self;

    Registration(FakeNode[] self) {
      this.self = self;
    }

    @Override
    public void register(RegisterRequest req, StreamObserver<RegisterResponse> obs) {
      reply(obs, RegisterResponse.newBuilder().setHeader(self[0].header()).setTtlMillis(9000).build());
    }

    @Override
    public void heartbeat(HeartbeatRequest req, StreamObserver<HeartbeatResponse> obs) {
      reply(obs, HeartbeatResponse.newBuilder().setHeader(self[0].header()).setTtlMillis(9000).build());
    }

    @Override
    public void deregister(DeregisterRequest req, StreamObserver<DeregisterResponse> obs) {
      reply(obs, DeregisterResponse.newBuilder().setHeader(self[0].header()).build());
    }

    @Override
    public void list(ListRegistrantsRequest req, StreamObserver<ListRegistrantsResponse> obs) {
      reply(obs, ListRegistrantsResponse.newBuilder().setHeader(self[0].header()).build());
    }

    @Override
    public void watch(WatchRequest req, StreamObserver<WatchResponse> obs) {
      self[0].watch(req, obs);
    }
  }

  private static final class Cluster extends ClusterGrpc.ClusterImplBase {
    private final FakeNode[] self;

    Cluster(FakeNode[] self) {
      this.self = self;
    }

    @Override
    public void members(MembersRequest req, StreamObserver<MembersResponse> obs) {
      MembersResponse.Builder b = MembersResponse.newBuilder().setHeader(self[0].header());
      String[][] rows = {{"n1", "10.0.0.1:7400", "alive", "voter"}, {"node-two", "10.0.0.22:7400", "suspect", "voter"},
          {"n3", "10.0.0.3:7400", "alive", "learner"}};
      for (String[] r : rows) {
        b.addMembers(Member.newBuilder().setNodeId(r[0]).setApiAddress(r[1]).setRaftAddress(r[1].replace("7400", "7401"))
            .setGossipAddress(r[1].replace("7400", "7402")).setStatus(r[2]).setRaftRole(r[3]).setVersion("0.1.0"));
      }
      reply(obs, b.build());
    }

    @Override
    public void raftPeers(RaftPeersRequest req, StreamObserver<RaftPeersResponse> obs) {
      reply(obs, RaftPeersResponse.newBuilder().setHeader(self[0].header()).setTerm(3).setCommitIndex(42)
          .addPeers(RaftPeer.newBuilder().setNodeId("n1").setRole("voter").setLeader(true)).build());
    }

    @Override
    public void status(StatusRequest req, StreamObserver<StatusResponse> obs) {
      reply(obs, StatusResponse.newBuilder().setHeader(self[0].header()).setNodeId("node@" + self[0].address)
          .setRaftRole("follower").setTerm(3).setCommitIndex(42).setLeaderCommitIndex(45).setAppliedIndex(42)
          .setServing(true).build());
    }

    @Override
    public void transferLeader(TransferLeaderRequest req, StreamObserver<TransferLeaderResponse> obs) {
      reply(obs, TransferLeaderResponse.newBuilder().setHeader(self[0].header()).setNewLeaderId(req.getNodeId()).build());
    }

    @Override
    public void autopilotState(AutopilotStateRequest req, StreamObserver<AutopilotStateResponse> obs) {
      reply(obs, AutopilotStateResponse.newBuilder().setHeader(self[0].header()).setHealthy(true)
          .setFailureTolerance(1).addServers(AutopilotServer.newBuilder().setNodeId("n1").setHealthy(true)).build());
    }

    @Override
    public void snapshotSave(SnapshotSaveRequest req, StreamObserver<SnapshotChunk> obs) {
      FakeNode n = self[0];
      byte[] data = n.snapshotData;
      SnapshotHeader header = SnapshotHeader.newBuilder().setClusterId("c1").setRevision(99)
          .setSizeBytes(data.length).setFormat("test-v1").build();
      int step = n.snapshotChunkBytes;
      for (int off = 0; off == 0 || off < data.length; off += step) {
        SnapshotChunk.Builder c = SnapshotChunk.newBuilder()
            .setData(ByteString.copyFrom(data, off, Math.min(step, data.length - off)));
        if (off == 0) {
          c.setHeader(header);
        }
        if (off + step >= data.length) {
          c.setSha256(n.snapshotShaOverride != null ? n.snapshotShaOverride : sha256Hex(data));
        }
        obs.onNext(c.build());
      }
      obs.onCompleted();
    }

    @Override
    public StreamObserver<SnapshotChunk> snapshotRestore(StreamObserver<SnapshotRestoreResponse> obs) {
      List<SnapshotChunk> chunks = new ArrayList<>();
      return new StreamObserver<>() {
        @Override
        public void onNext(SnapshotChunk c) {
          chunks.add(c);
        }

        @Override
        public void onError(Throwable t) {}

        @Override
        public void onCompleted() {
          ByteString all = ByteString.EMPTY;
          for (SnapshotChunk c : chunks) {
            all = all.concat(c.getData());
          }
          if (!sha256Hex(all.toByteArray()).equals(chunks.get(chunks.size() - 1).getSha256())) {
            obs.onError(Status.DATA_LOSS.withDescription("sha256 mismatch").asRuntimeException());
            return;
          }
          reply(obs, SnapshotRestoreResponse.newBuilder().setHeader(self[0].header())
              .setRestoredRevision(chunks.get(0).getHeader().getRevision()).setKeys(all.size()).build());
        }
      };
    }
  }

  public static String sha256Hex(byte[] data) {
    try {
      return java.util.HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(data));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new AssertionError(e);
    }
  }
}
