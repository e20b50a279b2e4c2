package dev.synod.bench.load;

import java.util.concurrent.CompletableFuture;

/**
 * The system a workload drives, reduced to what the comparison needs, so one {@link LoadRunner}
 * drives Synod and etcd alike. Calls must not block: they start the operation and return its future.
 * Callers never modify the arrays they pass, so an implementation may wrap them without copying.
 * Implementations are thread-safe.
 */
public interface KvTarget extends AutoCloseable {
  /** A short name for progress lines and reports, such as {@code synod} or {@code etcd}. */
  String name();

  /** Writes {@code value} under {@code key}; completes when the write is acknowledged. */
  CompletableFuture<?> put(byte[] key, byte[] value);

  /** Reads {@code key} (present or not) with the given consistency. */
  CompletableFuture<?> get(byte[] key, Consistency consistency);

  /**
   * The name a failure is counted under: a status code where the system has them
   * ({@code UNAVAILABLE}), else the exception's class.
   */
  default String errorStatus(Throwable failure) {
    return ErrorStatus.of(failure);
  }

  /** Releases connections; operations still in flight may fail. */
  @Override
  void close();
}
