package dev.synod.bench.output;

import dev.synod.bench.compare.CompareResult;
import dev.synod.bench.failover.FailoverResult;
import dev.synod.bench.gossip.GossipResult;
import dev.synod.bench.report.MachineInfo;
import java.time.Instant;
import java.util.List;
import java.util.Objects;
import java.util.Optional;

/**
 * Everything one invocation measured, with where and how: the input of the JSON, Markdown and SVG
 * writers. Parts that did not run are empty.
 */
public record BenchReport(Instant startedAt, String command, MachineInfo machine, Optional<CompareResult> compare,
    List<FailoverResult> failover, List<GossipResult> gossip) {
  public BenchReport {
    Objects.requireNonNull(startedAt, "startedAt");
    Objects.requireNonNull(command, "command");
    Objects.requireNonNull(machine, "machine");
    Objects.requireNonNull(compare, "compare");
    failover = List.copyOf(failover);
    gossip = List.copyOf(gossip);
  }
}
