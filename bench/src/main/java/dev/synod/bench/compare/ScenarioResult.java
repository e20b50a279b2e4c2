package dev.synod.bench.compare;

import dev.synod.bench.load.LoadResult;
import java.util.Objects;

/** One workload run against one system in one mode. */
public record ScenarioResult(Mode mode, Scenario scenario, String system, LoadResult result) {
  public ScenarioResult {
    Objects.requireNonNull(mode, "mode");
    Objects.requireNonNull(scenario, "scenario");
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(result, "result");
  }
}
