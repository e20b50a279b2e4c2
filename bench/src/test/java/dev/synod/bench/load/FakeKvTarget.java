package dev.synod.bench.load;

import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.function.IntFunction;

/**
 * An in-memory target: every call completes after a fixed latency, from a scheduler thread (or at
 * once when the latency is 0). A script may fail chosen calls, numbered from 1 in the order they arrive.
 */
final class FakeKvTarget implements KvTarget {
  /** What call number {@code n} does instead of succeeding. */
  interface Script {
    Script NONE = n -> null;

    /** Null to succeed; a failure to complete with; a {@link Throw} to throw from the call itself. */
    Throwable outcome(int n);
  }

  /** Marks a failure the target throws instead of returning a failed future. */
  static final class Throw extends RuntimeException {
    private static final long serialVersionUID = 1L;

    Throw(RuntimeException thrown) {
      super(thrown);
    }
  }

  final AtomicInteger calls = new AtomicInteger();
  final AtomicInteger puts = new AtomicInteger();
  final AtomicInteger gets = new AtomicInteger();
  final AtomicInteger maxInFlight = new AtomicInteger();
  final ConcurrentLinkedQueue<Consistency> consistencies = new ConcurrentLinkedQueue<>();
  final ConcurrentLinkedQueue<String> keys = new ConcurrentLinkedQueue<>();
  private final AtomicInteger inFlight = new AtomicInteger();
  private final long latencyNanos;
  private final Script script;
  private final ScheduledExecutorService completer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fake-target");
    t.setDaemon(true);
    return t;
  });

  FakeKvTarget(long latency, TimeUnit unit, Script script) {
    this.latencyNanos = unit.toNanos(latency);
    this.script = script;
  }

  FakeKvTarget(long latency, TimeUnit unit) {
    this(latency, unit, Script.NONE);
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public CompletableFuture<?> put(byte[] key, byte[] value) {
    puts.incrementAndGet();
    return call(key);
  }

  @Override
  public CompletableFuture<?> get(byte[] key, Consistency consistency) {
    gets.incrementAndGet();
    consistencies.add(consistency);
    return call(key);
  }

  List<String> keysInOrder() {
    return List.copyOf(keys);
  }

  @Override
  public void close() {
    completer.shutdownNow();
  }

  private CompletableFuture<?> call(byte[] key) {
    keys.add(new String(key, java.nio.charset.StandardCharsets.US_ASCII));
    Throwable outcome = script.outcome(calls.incrementAndGet());
    if (outcome instanceof Throw t) {
      throw (RuntimeException) t.getCause();
    }
    maxInFlight.accumulateAndGet(inFlight.incrementAndGet(), Math::max);
    CompletableFuture<Object> result = new CompletableFuture<>();
    Runnable complete = () -> {
      inFlight.decrementAndGet();
      if (outcome == null) {
        result.complete("ok");
      } else {
        result.completeExceptionally(outcome);
      }
    };
    if (latencyNanos == 0) {
      complete.run();
    } else {
      completer.schedule(complete, latencyNanos, TimeUnit.NANOSECONDS);
    }
    return result;
  }
}
