package dev.synod.client;

import dev.synod.proto.v1.AclBootstrapRequest;
import dev.synod.proto.v1.AclGrpc;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.CreateTokenRequest;
import dev.synod.proto.v1.ListTokensRequest;
import dev.synod.proto.v1.ListTokensResponse;
import dev.synod.proto.v1.ResponseHeader;
import dev.synod.proto.v1.RevokeTokenRequest;
import dev.synod.proto.v1.RevokeTokenResponse;
import dev.synod.proto.v1.Role;
import dev.synod.proto.v1.RotateTokenRequest;
import dev.synod.proto.v1.TokenSecretResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.util.Map;
import java.util.TreeMap;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory Acl service: tokens by accessor, secrets "synod_" + a counter, revision per change. */
public final class FakeAcl extends AclGrpc.AclImplBase {
  /** Leader API address stamped into response headers ("" = unknown). */
  public volatile String leaderApi = "";

  private final Map<String, AclToken> tokens = new TreeMap<>();
  private final AtomicLong revision = new AtomicLong();
  private boolean bootstrapped;

  private ResponseHeader header() {
    return ResponseHeader.newBuilder().setRevision(revision.get()).setLeaderApiAddress(leaderApi).build();
  }

  private static String secret(long n) {
    return "synod_" + String.format("%043d", n);
  }

  private synchronized TokenSecretResponse mint(Role role, String description, long ttlSeconds) {
    long rev = revision.incrementAndGet();
    AclToken t = AclToken.newBuilder().setAccessorId(String.format("acc-%08d", rev)).setRole(role)
        .setDescription(description).setCreateRevision(rev)
        .setExpiresAtUnixMs(ttlSeconds == 0 ? 0 : 1_700_000_000_000L + ttlSeconds * 1000).build();
    tokens.put(t.getAccessorId(), t);
    return TokenSecretResponse.newBuilder().setHeader(header()).setToken(t).setSecret(secret(rev)).build();
  }

  @Override
  public void bootstrap(AclBootstrapRequest req, StreamObserver<TokenSecretResponse> obs) {
    synchronized (this) {
      if (bootstrapped) {
        obs.onError(Status.FAILED_PRECONDITION.withDescription("ACLs are already bootstrapped").asRuntimeException());
        return;
      }
      bootstrapped = true;
    }
    reply(obs, mint(Role.ROLE_ADMIN, req.getDescription(), 0));
  }

  @Override
  public void createToken(CreateTokenRequest req, StreamObserver<TokenSecretResponse> obs) {
    reply(obs, mint(req.getRole(), req.getDescription(), req.getTtlSeconds()));
  }

  @Override
  public synchronized void listTokens(ListTokensRequest req, StreamObserver<ListTokensResponse> obs) {
    reply(obs, ListTokensResponse.newBuilder().setHeader(header()).addAllTokens(tokens.values()).build());
  }

  @Override
  public synchronized void revokeToken(RevokeTokenRequest req, StreamObserver<RevokeTokenResponse> obs) {
    if (tokens.remove(req.getAccessorId()) == null) {
      obs.onError(notFound(req.getAccessorId()));
      return;
    }
    revision.incrementAndGet();
    reply(obs, RevokeTokenResponse.newBuilder().setHeader(header()).build());
  }

  @Override
  public synchronized void rotateToken(RotateTokenRequest req, StreamObserver<TokenSecretResponse> obs) {
    AclToken t = tokens.get(req.getAccessorId());
    if (t == null) {
      obs.onError(notFound(req.getAccessorId()));
      return;
    }
    long rev = revision.incrementAndGet();
    t = t.toBuilder().setRotateRevision(rev).build();
    tokens.put(t.getAccessorId(), t);
    reply(obs, TokenSecretResponse.newBuilder().setHeader(header()).setToken(t).setSecret(secret(rev)).build());
  }

  private static RuntimeException notFound(String accessor) {
    return Status.NOT_FOUND.withDescription("token " + accessor + " not found").asRuntimeException();
  }

  private static <T> void reply(StreamObserver<T> obs, T value) {
    obs.onNext(value);
    obs.onCompleted();
  }
}
