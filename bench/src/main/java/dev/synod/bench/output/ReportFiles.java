package dev.synod.bench.output;

import dev.synod.bench.compare.CompareResult;
import dev.synod.bench.compare.Mode;
import dev.synod.bench.compare.ScenarioResult;
import dev.synod.bench.report.LatencyPlot;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.ArrayList;
import java.util.List;

/**
 * Writes a report as {@code <dir>/<timestamp>/report.json}, {@code report.md} and one latency plot per
 * mode, each through a temporary file and a rename, so an interrupted run never leaves half a file.
 */
public final class ReportFiles {
  private static final DateTimeFormatter STAMP = DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC);
  private static final String[] COLORS = {"#1f77b4", "#d62728", "#2ca02c", "#9467bd", "#ff7f0e", "#8c564b"};

  private ReportFiles() {}

  /** @return the directory the files went to */
  public static Path write(BenchReport report, Path resultsDir) throws IOException {
    Path dir = resultsDir.resolve(STAMP.format(report.startedAt()));
    Files.createDirectories(dir);
    atomically(dir.resolve("report.json"), JsonReport.render(report));
    atomically(dir.resolve("report.md"), MarkdownReport.render(report));
    if (report.compare().isPresent()) {
      CompareResult c = report.compare().get();
      for (Mode mode : c.plan().modes()) {
        atomically(dir.resolve(plotName(mode)), LatencyPlot.svg("Latency by percentile, " + mode.label()
            + " (solid: Synod, dashed: etcd)", series(c, mode)));
      }
    }
    return dir;
  }

  static String plotName(Mode mode) {
    return "latency-" + mode.label() + ".svg";
  }

  private static List<LatencyPlot.Series> series(CompareResult c, Mode mode) {
    List<LatencyPlot.Series> out = new ArrayList<>();
    int color = 0;
    for (var scenario : c.plan().scenarios()) {
      String colour = COLORS[color++ % COLORS.length];
      for (String system : List.of(CompareResult.SYNOD, CompareResult.ETCD)) {
        c.find(mode, scenario, system).map(ScenarioResult::result).ifPresent(r -> out.add(new LatencyPlot.Series(
            system + " " + scenario.id(), colour, system.equals(CompareResult.ETCD), r.latencyHistogram())));
      }
    }
    return out;
  }

  private static void atomically(Path file, String content) throws IOException {
    Path tmp = file.resolveSibling(file.getFileName() + ".tmp");
    Files.writeString(tmp, content, StandardCharsets.UTF_8);
    Files.move(tmp, file, StandardCopyOption.ATOMIC_MOVE, StandardCopyOption.REPLACE_EXISTING);
  }
}
