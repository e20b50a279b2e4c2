package dev.synod.bench.etcd;

import com.google.protobuf.UnsafeByteOperations;
import dev.synod.bench.load.Consistency;
import dev.synod.bench.load.ErrorStatus;
import dev.synod.bench.load.KvTarget;
import dev.synod.bench.load.ClientRing;
import io.etcd.jetcd.ByteSequence;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.common.exception.EtcdException;
import io.etcd.jetcd.options.GetOption;
import io.netty.handler.ssl.SslContext;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletableFuture;

/**
 * Drives an etcd cluster through jetcd, with the semantics of {@code SynodKvTarget}: a put is a Put
 * of the value; a get is a linearizable Get (etcd's default) or a serializable one, answered from the
 * member's local state. Each jetcd {@link Client} holds one channel that balances round-robin over
 * one connection per member, so {@code connections} clients give that many connections to each
 * member; calls take the clients in turn. jetcd's own defaults stay: puts are not retried, gets are
 * retried on UNAVAILABLE, as Synod's SDK does.
 */
public final class EtcdKvTarget implements KvTarget {
  private static final int MAX_CAUSE_DEPTH = 32;
  private static final GetOption SERIALIZABLE = GetOption.builder().withSerializable(true).build();

  private final ClientRing<Client> clients;

  /** Takes ownership of {@code clients}: {@link #close} closes them. */
  public EtcdKvTarget(List<Client> clients) {
    this(new ClientRing<>(clients, Client::close, "jetcd Client"));
  }

  private EtcdKvTarget(ClientRing<Client> clients) {
    this.clients = clients;
  }

  /** {@code connections} clients to the cluster, with its client certificate when it runs mutual TLS. */
  public static EtcdKvTarget open(EtcdCluster cluster, int connections) {
    EtcdSettings s = cluster.settings();
    return open(s.clientUrls(), s.tls() ? s.pki().clientSslContext() : null, connections);
  }

  /** @param sslContext the client side of TLS; null for plaintext */
  public static EtcdKvTarget open(List<URI> endpoints, SslContext sslContext, int connections) {
    if (endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints: empty (expected: the client URL of at least one member)");
    }
    return new EtcdKvTarget(ClientRing.open(connections, () -> {
      ClientBuilder builder = Client.builder().endpoints(endpoints);
      if (sslContext != null) {
        builder.sslContext(sslContext);
      }
      return builder.build();
    }, Client::close, "jetcd Client"));
  }

  @Override
  public String name() {
    return "etcd";
  }

  @Override
  public CompletableFuture<?> put(byte[] key, byte[] value) {
    return pick().getKVClient().put(wrap(key), wrap(value));
  }

  @Override
  public CompletableFuture<?> get(byte[] key, Consistency consistency) {
    return pick().getKVClient().get(wrap(key), consistency == Consistency.SERIALIZABLE ? SERIALIZABLE : GetOption.DEFAULT);
  }

  /** KV calls fail with the gRPC status; jetcd's own failures (a closed client) carry it as an {@link EtcdException}'s code. */
  @Override
  public String errorStatus(Throwable failure) {
    Throwable t = ErrorStatus.unwrap(failure);
    // Bounded, in case a cause chain loops back on itself.
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof EtcdException e) {
        return e.getErrorCode().name();
      }
    }
    return ErrorStatus.of(failure);
  }

  @Override
  public void close() {
    clients.close();
  }

  /** The caller never changes the arrays it passes (see {@link KvTarget}), so wrapping without a copy is safe. */
  private static ByteSequence wrap(byte[] bytes) {
    return ByteSequence.from(UnsafeByteOperations.unsafeWrap(bytes));
  }

  private Client pick() {
    return clients.pick();
  }
}
