package dev.synod.node;

import java.util.OptionalInt;
import java.util.concurrent.ForkJoinPool;
import org.slf4j.Logger;

/**
 * Keeps CompletableFuture's async stages that name no executor on a shared pool. The JDK runs them on the common
 * ForkJoinPool only when that pool has at least two workers, and by default it has one per core less one: on a
 * machine with two cores or fewer, every such stage starts a thread of its own. Ratis passes each log append on a
 * follower through such a stage, so a thread start (~160 µs on a 2-core machine) sat in the path of every
 * replicated write (docs/benchmarks.md, tuning 12). The pool's size is read once, when ForkJoinPool is first
 * used, so {@link #apply()} runs first thing in the process.
 */
final class CommonPoolSizing {
  static final String PARALLELISM_PROPERTY = "java.util.concurrent.ForkJoinPool.common.parallelism";
  /** The smallest common pool CompletableFuture uses instead of a thread per stage. */
  static final int SHARED_MINIMUM = 2;

  private CommonPoolSizing() {}

  /** The parallelism to set: none when the operator chose one or the JDK's default already shares. */
  static OptionalInt parallelismToSet(int cores, String configured) {
    if (configured != null || cores - 1 >= SHARED_MINIMUM) {
      return OptionalInt.empty();
    }
    return OptionalInt.of(SHARED_MINIMUM);
  }

  static void apply() {
    parallelismToSet(Runtime.getRuntime().availableProcessors(), System.getProperty(PARALLELISM_PROPERTY))
        .ifPresent(p -> System.setProperty(PARALLELISM_PROPERTY, Integer.toString(p)));
  }

  /** Logs how async stages without an executor run in this process: a warning when on a thread each. */
  static void report(Logger log) {
    int parallelism = ForkJoinPool.getCommonPoolParallelism();
    if (parallelism >= SHARED_MINIMUM) {
      log.info("async stages without an executor run on the common pool (parallelism {})", parallelism);
    } else {
      log.warn("async stages without an executor run on a new thread each (common pool parallelism {}; set -D{}={}"
          + " or more)", parallelism, PARALLELISM_PROPERTY, SHARED_MINIMUM);
    }
  }
}
