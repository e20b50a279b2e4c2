package dev.synod.bench.load;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.Consumer;
import java.util.function.Supplier;

/**
 * The connections of a {@link KvTarget}: a fixed set of clients taken in turn, all closed together. Shared by
 * the Synod and etcd targets so both spread load the same way.
 */
public final class ClientRing<C> {
  private final List<C> clients;
  private final Consumer<C> closer;
  private final AtomicInteger next = new AtomicInteger();

  /** Takes ownership of {@code clients}; {@code kind} names them in the error for an empty list. */
  public ClientRing(List<C> clients, Consumer<C> closer, String kind) {
    if (clients.isEmpty()) {
      throw new IllegalArgumentException("clients: empty (expected: at least one " + kind + ")");
    }
    this.clients = List.copyOf(clients);
    this.closer = closer;
  }

  /** Opens {@code connections} clients; if one fails to open, those already open are closed. */
  public static <C> ClientRing<C> open(int connections, Supplier<C> factory, Consumer<C> closer, String kind) {
    if (connections < 1 || connections > WorkloadLimits.MAX_CONNECTIONS) {
      throw new IllegalArgumentException("connections: " + connections
          + " (expected: 1.." + WorkloadLimits.MAX_CONNECTIONS + ")");
    }
    List<C> opened = new ArrayList<>(connections);
    try {
      for (int i = 0; i < connections; i++) {
        opened.add(factory.get());
      }
    } catch (RuntimeException e) {
      opened.forEach(closer);
      throw e;
    }
    return new ClientRing<>(opened, closer, kind);
  }

  public C pick() {
    return clients.get(Math.floorMod(next.getAndIncrement(), clients.size()));
  }

  /** Closes every client; the first failure is thrown with the others suppressed. */
  public void close() {
    RuntimeException first = null;
    for (C c : clients) {
      try {
        closer.accept(c);
      } catch (RuntimeException e) {
        if (first == null) {
          first = e;
        } else {
          first.addSuppressed(e);
        }
      }
    }
    if (first != null) {
      throw first;
    }
  }
}
