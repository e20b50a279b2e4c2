package dev.synod.bench.failover;

import dev.synod.bench.load.Consistency;
import dev.synod.bench.load.KvTarget;
import io.grpc.Status;
import java.time.Duration;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReferenceArray;

/**
 * Three in-memory "members": writes succeed after 1 ms while a live leader exists and fail at once
 * with UNAVAILABLE while none does. A kill of the leader starts an outage that ends after
 * {@code outage} with the next member leading, or never when {@code outage} is null.
 */
final class FakeFailoverSubject implements FailoverSubject {
  private static final int MEMBERS = 3;

  private final Duration outage;
  private final boolean writesEverSucceed;
  private final ScheduledExecutorService completer = Executors.newSingleThreadScheduledExecutor(r -> {
    Thread t = new Thread(r, "fake-cluster");
    t.setDaemon(true);
    return t;
  });
  private final AtomicReferenceArray<Boolean> alive = new AtomicReferenceArray<>(new Boolean[] {true, true, true});
  private volatile int leader;
  private volatile boolean leaderless;
  volatile int openedConnections;
  volatile Duration openedDeadline;

  FakeFailoverSubject(Duration outage, boolean writesEverSucceed) {
    this.outage = outage;
    this.writesEverSucceed = writesEverSucceed;
  }

  @Override
  public String name() {
    return "fake";
  }

  @Override
  public int leader(Duration timeout) {
    if (leaderless) {
      throw new IllegalStateException("fake cluster: no leader (expected within " + timeout + ")");
    }
    return leader;
  }

  @Override
  public long pid(int member) {
    return 1000 + member;
  }

  @Override
  public boolean alive(int member) {
    return alive.get(member);
  }

  @Override
  public void kill(int member) {
    alive.set(member, false);
    if (member == leader) {
      leaderless = true;
      if (outage != null) {
        completer.schedule(() -> {
          leader = (member + 1) % MEMBERS;
          leaderless = false;
        }, outage.toNanos(), TimeUnit.NANOSECONDS);
      }
    }
  }

  @Override
  public KvTarget openTarget(int connections, Duration requestDeadline) {
    openedConnections = connections;
    openedDeadline = requestDeadline;
    return new KvTarget() {
      @Override
      public String name() {
        return "fake";
      }

      @Override
      public CompletableFuture<?> put(byte[] key, byte[] value) {
        if (leaderless || !writesEverSucceed) {
          return CompletableFuture.failedFuture(Status.UNAVAILABLE.asRuntimeException());
        }
        CompletableFuture<Object> result = new CompletableFuture<>();
        completer.schedule(() -> result.complete("ok"), 1, TimeUnit.MILLISECONDS);
        return result;
      }

      @Override
      public CompletableFuture<?> get(byte[] key, Consistency consistency) {
        throw new UnsupportedOperationException("a failover run only writes");
      }

      @Override
      public void close() {
        // The subject owns the completer.
      }
    };
  }

  @Override
  public void close() {
    completer.shutdownNow();
  }
}
