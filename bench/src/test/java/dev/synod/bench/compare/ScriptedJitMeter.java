package dev.synod.bench.compare;

import java.time.Duration;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/** Compile totals that grow by a scripted amount per read (the last step repeats); counts its reads. */
final class ScriptedJitMeter implements JitMeter {
  private final Deque<Duration> steps;
  private Duration total = Duration.ZERO;
  int reads;
  boolean closed;

  ScriptedJitMeter(List<Duration> steps) {
    this.steps = new ArrayDeque<>(steps);
  }

  @Override
  public Map<String, Duration> compileTotals() {
    reads++;
    Duration step = steps.size() > 1 ? steps.poll() : steps.peek();
    total = total.plus(step);
    Map<String, Duration> totals = new LinkedHashMap<>();
    totals.put("node-1", total);
    totals.put("node-2", total.dividedBy(2));
    return totals;
  }

  @Override
  public void close() {
    closed = true;
  }
}
