package dev.synod.chaos.run;

import java.util.function.BiConsumer;

/**
 * Injects faults while a run's clients work: started once, stopped once, and every fault it applied is
 * healed by {@link #stopAndHealAll()} whatever happened. Each start and stop of a fault is reported as
 * (f, description), e.g. ("start-partition", "majorities-ring ...").
 */
public interface FaultDriver {
  void start(BiConsumer<String, String> record);

  void stopAndHealAll();

  /** No faults: for runs that check the workload alone. */
  static FaultDriver none() {
    return new FaultDriver() {
      @Override
      public void start(BiConsumer<String, String> record) {}

      @Override
      public void stopAndHealAll() {}
    };
  }
}
