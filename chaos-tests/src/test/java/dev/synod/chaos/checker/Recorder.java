package dev.synod.chaos.checker;

import dev.synod.chaos.history.History;
import dev.synod.chaos.history.Op;
import dev.synod.chaos.history.OpValue;

/** Builds register histories by hand for tests; every event is 1 ms after the previous one. */
final class Recorder {
  private long now;
  final History history = new History(() -> now += 1_000_000);

  Op write(int process, String key, long value) {
    return history.invoke(process, "write", key, OpValue.of(value));
  }

  Op read(int process, String key) {
    return history.invoke(process, "read", key, OpValue.none());
  }

  Op cas(int process, String key, long expected, long next) {
    return history.invoke(process, "cas", key, OpValue.cas(expected, next));
  }

  /** Completes a write. */
  Op ok(Op invoke) {
    return history.ok(invoke, invoke.value());
  }

  /** Completes a read with the value seen (null = absent). */
  Op ok(Op invoke, Long seen) {
    return history.ok(invoke, OpValue.of(seen));
  }

  /** Completes a cas with whether it swapped. */
  Op ok(Op invoke, boolean swapped) {
    return history.ok(invoke, OpValue.of(swapped));
  }

  Op info(Op invoke) {
    return history.info(invoke, "timeout");
  }

  Op fail(Op invoke) {
    return history.fail(invoke, "not leader");
  }

  /** A write invoked and acknowledged with nothing in between. */
  Op writeOk(int process, String key, long value) {
    return ok(write(process, key, value));
  }

  /** A read invoked and completed with nothing in between. */
  Op readOk(int process, String key, Long seen) {
    return ok(read(process, key), seen);
  }

  LinearizabilityResult check() {
    return LinearizabilityChecker.builder(new CasRegisterModel()).budget(java.time.Duration.ofSeconds(10)).build()
        .check(history);
  }
}
