package dev.synod.bench.cli;

import dev.synod.bench.compare.CompareResult;
import dev.synod.bench.failover.FailoverResult;
import dev.synod.bench.gossip.GossipResult;
import dev.synod.bench.output.BenchReport;
import dev.synod.bench.output.ReportFiles;
import dev.synod.bench.report.MachineInfo;
import dev.synod.bench.synod.SynodSettings;
import java.io.IOException;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Optional;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

/** Where a side-by-side run keeps its clusters and its report, and which Synod build it runs. */
final class RunOptions {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);

  @Option(names = "--out", defaultValue = "bench/results", paramLabel = "DIR",
      description = "Where the report goes, in a directory named after the start time (default: ${DEFAULT-VALUE}).")
  Path out;

  @Option(names = "--work-dir", defaultValue = ".synod-bench", paramLabel = "DIR",
      description = "Where the clusters' data and logs go, in a fresh directory per run; both systems use the"
          + " same file system (default: ${DEFAULT-VALUE}).")
  Path workRoot;

  @Option(names = "--distribution", paramLabel = "DIR",
      description = "The Synod distribution to run (default: -Dsynod.distribution, else node/target/synod).")
  Path distribution;

  @Spec(Spec.Target.MIXEE)
  CommandSpec spec;

  private final Instant startedAt = Instant.now();

  Path distribution() {
    return distribution != null ? distribution : SynodSettings.defaultDistribution();
  }

  Path workDir() {
    return workRoot.resolve(STAMP.format(startedAt));
  }

  BenchReport report(Optional<CompareResult> compare, List<FailoverResult> failover, List<GossipResult> gossip) {
    String args = String.join(" ", spec.commandLine().getParseResult().originalArgs());
    return new BenchReport(startedAt, "synod-bench " + args, MachineInfo.current(workDir()), compare, failover,
        gossip);
  }

  void write(BenchReport report) throws IOException {
    Path dir = ReportFiles.write(report, out);
    System.out.println("report: " + dir.resolve("report.md") + " (also report.json and the latency plots)");
    System.out.println("cluster data and logs: " + workDir());
  }
}
