package dev.synod.chaos.run;

import dev.synod.chaos.nemesis.NemesisContext;
import dev.synod.chaos.nemesis.NemesisRunner;
import dev.synod.chaos.nemesis.NemesisSchedule;
import java.time.Duration;
import java.util.List;
import java.util.function.BiConsumer;

/** Drives a seeded nemesis schedule for the length of a run; stopping heals every fault. */
public final class NemesisFaultDriver implements FaultDriver {
  private final NemesisContext context;
  private final NemesisSchedule schedule;
  private final Duration total;
  private NemesisRunner runner;

  public NemesisFaultDriver(NemesisContext context, NemesisSchedule schedule, Duration total) {
    this.context = context;
    this.schedule = schedule;
    this.total = total;
  }

  @Override
  public void start(BiConsumer<String, String> record) {
    runner = new NemesisRunner(context, schedule, record::accept).start(total);
  }

  @Override
  public void stopAndHealAll() {
    if (runner != null) {
      runner.stop();
    }
  }

  /** Applies or heals that failed; a run reports them next to its verdict. */
  public List<String> errors() {
    return runner == null ? List.of() : runner.errors();
  }
}
