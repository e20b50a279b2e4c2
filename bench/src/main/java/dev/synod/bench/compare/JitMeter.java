package dev.synod.bench.compare;

import java.time.Duration;
import java.util.Map;

/** The cumulative just-in-time compile time of each member of a JVM-based system. */
public interface JitMeter extends AutoCloseable {
  /** Each member's compile time since it started, by member name, in a stable order. */
  Map<String, Duration> compileTotals();

  @Override
  void close();
}
