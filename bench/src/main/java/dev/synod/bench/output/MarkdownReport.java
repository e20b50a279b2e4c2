package dev.synod.bench.output;

import dev.synod.bench.compare.CompareResult;
import dev.synod.bench.compare.Mode;
import dev.synod.bench.compare.Scenario;
import dev.synod.bench.compare.ScenarioResult;
import dev.synod.bench.compare.SystemRun;
import dev.synod.bench.load.LatencySummary;
import dev.synod.bench.load.LoadResult;
import dev.synod.bench.report.BarResult;
import dev.synod.bench.report.Ratio;
import java.util.Locale;
import java.util.Optional;

/** The human-readable report: bars first, then every measurement, then how each system was run. */
public final class MarkdownReport {
  private MarkdownReport() {}

  public static String render(BenchReport report) {
    StringBuilder md = new StringBuilder();
    md.append("# Synod benchmark report\n\n");
    md.append("- Started: ").append(report.startedAt()).append('\n');
    md.append("- Command: `").append(report.command()).append("`\n");
    md.append("- Machine: ").append(report.machine()).append("\n\n");
    report.compare().ifPresent(c -> compare(md, c));
    FailoverSection.markdown(md, report.failover());
    GossipSection.markdown(md, report.gossip());
    return md.toString();
  }

  private static void compare(StringBuilder md, CompareResult c) {
    md.append("## Bars P1 to P3 against etcd\n\n");
    md.append("| mode | bar | metric | Synod | etcd | ratio | target | verdict |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---|\n");
    for (Mode mode : c.plan().modes()) {
      for (BarResult b : c.bars(mode)) {
        boolean latency = b.bar().metric().contains(" p");
        md.append(String.format(Locale.ROOT, "| %s | %s | %s | %s | %s | %s | %s %.2f× | %s |%n", mode.label(),
            b.bar().id(), b.bar().metric(), value(b.ratio().synod(), latency), value(b.ratio().baseline(), latency),
            b.ratio(), b.bar().direction() == dev.synod.bench.report.Bar.Direction.HIGHER_IS_BETTER ? "≥" : "≤",
            b.bar().target(), verdict(b)));
      }
    }
    md.append("\nRatios are Synod over etcd. Workload: ").append(c.plan()).append("\n\n");
    md.append("## Every measurement\n\n");
    md.append("| mode | workload | system | ops/s | p50 ms | p90 ms | p99 ms | p99.9 ms | max ms | errors |\n");
    md.append("|---|---|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (ScenarioResult r : c.results()) {
      LoadResult l = r.result();
      LatencySummary s = l.latency();
      md.append(String.format(Locale.ROOT, "| %s | %s | %s | %,.0f | %s | %s | %s | %s | %s | %s |%n",
          r.mode().label(), r.scenario().id(), r.system(), l.throughput(), LatencySummary.millis(s.p50Micros()),
          LatencySummary.millis(s.p90Micros()), LatencySummary.millis(s.p99Micros()),
          LatencySummary.millis(s.p999Micros()), LatencySummary.millis(s.maxMicros()),
          l.errorsByStatus().isEmpty() ? "0" : l.errorsByStatus().toString()));
    }
    tlsCost(md, c);
    md.append("\n## How each system ran\n\n");
    for (SystemRun run : c.runs()) {
      md.append("- **").append(run.system()).append(", ").append(run.mode().label()).append("**: ")
          .append(run.settings()).append("\n\n  Warm-up: ").append(run.warmup()).append("\n\n  ```\n");
      run.commandLines().forEach(line -> md.append("  ").append(line).append('\n'));
      md.append("  ```\n");
    }
    for (Mode mode : c.plan().modes()) {
      md.append("\n![latency by percentile, ").append(mode.label()).append("](")
          .append(ReportFiles.plotName(mode)).append(")\n");
    }
  }

  private static void tlsCost(StringBuilder md, CompareResult c) {
    if (!c.plan().modes().contains(Mode.TLS) || !c.plan().modes().contains(Mode.PLAINTEXT)) {
      return;
    }
    md.append("\n## Cost of TLS (plaintext throughput over TLS throughput)\n\n");
    md.append("| workload | Synod | etcd |\n|---|---:|---:|\n");
    for (Scenario s : c.plan().scenarios()) {
      md.append("| ").append(s.id()).append(" | ").append(cost(c.tlsCost(CompareResult.SYNOD, s)))
          .append(" | ").append(cost(c.tlsCost(CompareResult.ETCD, s))).append(" |\n");
    }
  }

  private static String cost(Optional<Ratio> r) {
    return r.map(Ratio::toString).orElse("not run");
  }

  private static String value(double v, boolean latencyMicros) {
    return latencyMicros ? LatencySummary.millis((long) v) + " ms" : String.format(Locale.ROOT, "%,.0f ops/s", v);
  }

  static String verdict(BarResult b) {
    double margin = b.margin();
    String by = Double.isFinite(margin) ? String.format(Locale.ROOT, " (%+.1f%%)", margin * 100) : "";
    return (b.met() ? "met" : "**missed**") + by;
  }
}
