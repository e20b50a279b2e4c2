package dev.synod.bench.compare;

import dev.synod.bench.load.KvTarget;
import java.util.List;
import java.util.Optional;

/** A started cluster: how to reach it, and what the report must say about how it was run. */
public interface RunningSystem extends AutoCloseable {
  /** The settings in prose: fsync, timeouts, TLS, anything changed from the defaults and why. */
  String settings();

  /** The exact command line of every member, for the report. */
  List<String> commandLines();

  /** A new target with {@code connections} connections per member; the caller closes it. */
  KvTarget open(int connections);

  /** A meter of each member's JIT compile time, for a JVM-based system; the caller closes it. */
  default Optional<JitMeter> jitMeter() {
    return Optional.empty();
  }

  /** Stops every process. */
  @Override
  void close();
}
