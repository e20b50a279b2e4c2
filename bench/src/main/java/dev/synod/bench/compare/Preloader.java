package dev.synod.bench.compare;

import dev.synod.bench.load.KeySpace;
import dev.synod.bench.load.KvTarget;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicReference;

/**
 * Writes every key of a key space once before a read workload, so reads find values of the
 * workload's size instead of misses. Not measured. Any failed write fails the preload: a read
 * benchmark over missing keys would measure something else.
 */
final class Preloader {
  static final int IN_FLIGHT = 64;
  private static final long WRITE_TIMEOUT_SECONDS = 30;

  private Preloader() {}

  static void preload(KvTarget target, KeySpace keys) throws InterruptedException {
    Semaphore slots = new Semaphore(IN_FLIGHT);
    AtomicReference<Throwable> failure = new AtomicReference<>();
    for (int i = 0; i < keys.keyCount() && failure.get() == null; i++) {
      slots.acquire();
      int index = i;
      CompletableFuture<?> put = target.put(keys.key(i), keys.value());
      put.whenComplete((ok, error) -> {
        if (error != null) {
          failure.compareAndSet(null, new IllegalStateException("preloading key " + index + " into "
              + target.name() + " failed: " + target.errorStatus(error), error));
        }
        slots.release();
      });
    }
    if (!slots.tryAcquire(IN_FLIGHT, WRITE_TIMEOUT_SECONDS, TimeUnit.SECONDS)) {
      throw new IllegalStateException("preloading " + target.name() + ": writes still unanswered after "
          + WRITE_TIMEOUT_SECONDS + " s");
    }
    if (failure.get() != null) {
      throw (IllegalStateException) failure.get();
    }
  }
}
