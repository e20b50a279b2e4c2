package dev.synod.bench.failover;

import dev.synod.bench.load.Consistency;
import dev.synod.bench.load.KvTarget;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;

/** A target whose puts stay in flight until the test completes them; it records when each was sent. */
final class ControllableKvTarget implements KvTarget {
  /** One put: when it was sent (System.nanoTime) and the future the test completes. */
  record Put(long sentNanos, CompletableFuture<Object> result) {}

  final List<Put> puts = new CopyOnWriteArrayList<>();

  @Override
  public String name() {
    return "controllable";
  }

  @Override
  public CompletableFuture<?> put(byte[] key, byte[] value) {
    Put put = new Put(System.nanoTime(), new CompletableFuture<>());
    puts.add(put);
    return put.result();
  }

  @Override
  public CompletableFuture<?> get(byte[] key, Consistency consistency) {
    throw new UnsupportedOperationException("a failover run only writes");
  }

  Put put(int index) {
    return puts.get(index);
  }

  long inFlight() {
    return puts.stream().filter(p -> !p.result().isDone()).count();
  }

  @Override
  public void close() {
    // Nothing to release.
  }
}
