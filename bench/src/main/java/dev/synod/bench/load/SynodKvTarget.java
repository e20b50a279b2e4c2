package dev.synod.bench.load;

import com.google.protobuf.UnsafeByteOperations;
import dev.synod.client.SynodClient;
import dev.synod.client.SynodException;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.ReadConsistency;
import java.util.List;
import java.util.Objects;
import java.util.concurrent.CompletableFuture;

/**
 * Drives a Synod cluster through the Java SDK. Each {@link SynodClient} holds one channel (one
 * HTTP/2 connection) per node, so {@code connections} clients give that many connections to each
 * node; calls take the clients in turn.
 */
public final class SynodKvTarget implements KvTarget {
  private final ClientRing<SynodClient> clients;

  /** Takes ownership of {@code clients}: {@link #close} closes them. */
  public SynodKvTarget(List<SynodClient> clients) {
    this(new ClientRing<>(clients, SynodClient::close, "SynodClient"));
  }

  private SynodKvTarget(ClientRing<SynodClient> clients) {
    this.clients = clients;
  }

  /**
   * Builds {@code connections} clients from {@code builder}, which must already name the endpoints
   * and the transport ({@code tls(...)} or {@code insecurePlaintext()}).
   */
  public static SynodKvTarget open(SynodClient.Builder builder, int connections) {
    Objects.requireNonNull(builder, "builder");
    return new SynodKvTarget(ClientRing.open(connections, builder::build, SynodClient::close, "SynodClient"));
  }

  @Override
  public String name() {
    return "synod";
  }

  @Override
  public CompletableFuture<?> put(byte[] key, byte[] value) {
    return pick().putAsync(PutRequest.newBuilder()
        .setKey(UnsafeByteOperations.unsafeWrap(key))
        .setValue(UnsafeByteOperations.unsafeWrap(value))
        .build());
  }

  @Override
  public CompletableFuture<?> get(byte[] key, Consistency consistency) {
    return pick().getAsync(GetRequest.newBuilder()
        .setKey(UnsafeByteOperations.unsafeWrap(key))
        .setConsistency(consistency == Consistency.LINEARIZABLE ? ReadConsistency.LINEARIZABLE : ReadConsistency.STALE)
        .build());
  }

  /** The SDK reports every failure as a {@link SynodException} carrying the gRPC status code. */
  @Override
  public String errorStatus(Throwable failure) {
    for (Throwable t = ErrorStatus.unwrap(failure); t != null; t = t.getCause()) {
      if (t instanceof SynodException e) {
        return e.code().name();
      }
    }
    return ErrorStatus.of(failure);
  }

  @Override
  public void close() {
    clients.close();
  }

  private SynodClient pick() {
    return clients.pick();
  }
}
