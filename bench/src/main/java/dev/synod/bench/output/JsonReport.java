package dev.synod.bench.output;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.synod.bench.compare.CompareResult;
import dev.synod.bench.compare.Mode;
import dev.synod.bench.compare.ScenarioResult;
import dev.synod.bench.compare.SystemRun;
import dev.synod.bench.load.LatencySummary;
import dev.synod.bench.load.LoadResult;
import dev.synod.bench.report.BarResult;
import dev.synod.bench.report.MachineInfo;
import java.util.List;
import java.util.Map;

/** The machine-readable result file: every number the Markdown shows, and the settings behind them. */
public final class JsonReport {
  private JsonReport() {}

  public static String render(BenchReport report) {
    JsonObject root = new JsonObject();
    root.addProperty("started_at", report.startedAt().toString());
    root.addProperty("command", report.command());
    root.add("machine", machine(report.machine()));
    report.compare().ifPresent(c -> root.add("compare", compare(c)));
    if (!report.failover().isEmpty()) {
      root.add("failover", FailoverSection.json(report.failover()));
    }
    if (!report.gossip().isEmpty()) {
      root.add("gossip", GossipSection.json(report.gossip()));
    }
    return new GsonBuilder().setPrettyPrinting().disableHtmlEscaping().create().toJson(root) + "\n";
  }

  private static JsonObject machine(MachineInfo m) {
    JsonObject o = new JsonObject();
    o.addProperty("cores", m.cores());
    o.addProperty("memory_bytes", m.memoryBytes());
    o.addProperty("cpu", m.cpu());
    o.addProperty("os", m.os());
    o.addProperty("jdk", m.jdk());
    o.addProperty("disk", m.disk());
    return o;
  }

  private static JsonObject compare(CompareResult c) {
    JsonObject o = new JsonObject();
    o.addProperty("plan", c.plan().toString());
    JsonArray runs = new JsonArray();
    for (SystemRun run : c.runs()) {
      JsonObject r = new JsonObject();
      r.addProperty("system", run.system());
      r.addProperty("mode", run.mode().label());
      r.addProperty("settings", run.settings());
      r.add("command_lines", strings(run.commandLines()));
      r.addProperty("warmup", run.warmup());
      runs.add(r);
    }
    o.add("clusters", runs);
    JsonArray results = new JsonArray();
    c.results().forEach(r -> results.add(result(r)));
    o.add("results", results);
    JsonArray bars = new JsonArray();
    for (Mode mode : c.plan().modes()) {
      for (BarResult bar : c.bars(mode)) {
        bars.add(bar(mode, bar));
      }
    }
    o.add("bars", bars);
    return o;
  }

  private static JsonObject result(ScenarioResult r) {
    LoadResult l = r.result();
    JsonObject o = new JsonObject();
    o.addProperty("mode", r.mode().label());
    o.addProperty("scenario", r.scenario().id());
    o.addProperty("system", r.system());
    o.addProperty("workload", l.workload().toString());
    o.addProperty("measured_seconds", l.measuredSeconds());
    o.addProperty("completed_ops", l.completedOps());
    o.addProperty("ops_per_second", l.throughput());
    o.add("latency_micros", latency(l.latency()));
    JsonObject errors = new JsonObject();
    for (Map.Entry<String, Long> e : l.errorsByStatus().entrySet()) {
      errors.addProperty(e.getKey(), e.getValue());
    }
    o.add("errors_by_status", errors);
    JsonArray timeline = new JsonArray();
    for (long n : l.completionsPerSecond()) {
      timeline.add(n);
    }
    o.add("completions_per_second", timeline);
    o.addProperty("unfinished_ops", l.unfinishedOps());
    return o;
  }

  static JsonObject latency(LatencySummary s) {
    JsonObject o = new JsonObject();
    o.addProperty("count", s.count());
    o.addProperty("mean", s.meanMicros());
    o.addProperty("p50", s.p50Micros());
    o.addProperty("p90", s.p90Micros());
    o.addProperty("p99", s.p99Micros());
    o.addProperty("p99_9", s.p999Micros());
    o.addProperty("max", s.maxMicros());
    return o;
  }

  static JsonObject bar(Mode mode, BarResult b) {
    JsonObject o = new JsonObject();
    if (mode != null) {
      o.addProperty("mode", mode.label());
    }
    o.addProperty("bar", b.bar().id());
    o.addProperty("metric", b.bar().metric());
    o.addProperty("target_ratio", b.bar().target());
    o.addProperty("direction", b.bar().direction().name());
    o.addProperty("synod", b.ratio().synod());
    o.addProperty("baseline", b.ratio().baseline());
    double v = b.ratio().value();
    if (Double.isFinite(v)) {
      o.addProperty("ratio", v);
    } else {
      o.addProperty("ratio", b.ratio().toString());
    }
    o.addProperty("met", b.met());
    return o;
  }

  static JsonArray strings(List<String> values) {
    JsonArray a = new JsonArray();
    values.forEach(a::add);
    return a;
  }
}
