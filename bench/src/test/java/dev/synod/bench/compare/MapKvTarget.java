package dev.synod.bench.compare;

import dev.synod.bench.load.Consistency;
import dev.synod.bench.load.KvTarget;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.Executor;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;

/** An in-memory store answering after a fixed delay, shared by the targets one fake system opens. */
final class MapKvTarget implements KvTarget {
  final Map<String, byte[]> store;
  final AtomicInteger misses;
  final AtomicLong operations = new AtomicLong();
  private final String name;
  private final Executor delayed;

  MapKvTarget(String name, Map<String, byte[]> store, AtomicInteger misses, long delayMicros) {
    this.name = name;
    this.store = store;
    this.misses = misses;
    this.delayed = CompletableFuture.delayedExecutor(delayMicros, TimeUnit.MICROSECONDS);
  }

  static MapKvTarget fresh(String name, long delayMicros) {
    return new MapKvTarget(name, new ConcurrentHashMap<>(), new AtomicInteger(), delayMicros);
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public CompletableFuture<?> put(byte[] key, byte[] value) {
    operations.incrementAndGet();
    return CompletableFuture.supplyAsync(() -> store.put(new String(key, StandardCharsets.US_ASCII), value), delayed);
  }

  @Override
  public CompletableFuture<?> get(byte[] key, Consistency consistency) {
    operations.incrementAndGet();
    return CompletableFuture.supplyAsync(() -> {
      byte[] v = store.get(new String(key, StandardCharsets.US_ASCII));
      if (v == null) {
        misses.incrementAndGet();
      }
      return v;
    }, delayed);
  }

  @Override
  public void close() {}
}
