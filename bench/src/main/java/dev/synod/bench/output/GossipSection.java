package dev.synod.bench.output;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.synod.bench.compare.GossipComparison;
import dev.synod.bench.gossip.DetectionRun;
import dev.synod.bench.gossip.GossipResult;
import dev.synod.bench.report.BarResult;
import java.util.List;
import java.util.Locale;

/** P5 in the report: the settings of both systems, every detection run, the false alarms and the bars. */
final class GossipSection {
  private GossipSection() {}

  static void markdown(StringBuilder md, List<GossipResult> results) {
    if (results.isEmpty()) {
      return;
    }
    md.append("\n## Gossip (P5): failure detection against serf\n\n");
    md.append("| bar | metric | Synod | serf | ratio | verdict |\n|---|---|---:|---:|---:|---|\n");
    for (BarResult b : GossipComparison.bars(results)) {
      md.append(String.format(Locale.ROOT, "| %s | %s | %.0f | %.0f | %s | %s |%n", b.bar().id(), b.bar().metric(),
          b.ratio().synod(), b.ratio().baseline(), b.ratio(), MarkdownReport.verdict(b)));
    }
    md.append("\n| system | CPU contention | killed | every survivor saw it dead | first saw it | detected |\n"
        + "|---|---|---:|---:|---:|---|\n");
    for (GossipResult r : results) {
      for (DetectionRun run : r.runs()) {
        md.append(String.format(Locale.ROOT, "| %s | %s | %d | %d ms | %d ms | %s |%n", run.system(),
            run.underContention() ? "yes" : "no", run.killedMember(), run.allSawDead().toMillis(),
            run.firstSawDead().toMillis(), run.detected() ? "yes" : "**no**"));
      }
    }
    md.append('\n');
    for (GossipResult r : results) {
      md.append(String.format(Locale.ROOT, "- **%s**: %s. Under CPU contention for %d s with nobody killed: %d"
          + " suspicions of live members, %d reports of a live member as failed.%n", r.system(),
          r.settingsDescription(), r.contentionWindow().toSeconds(), r.falseSuspicionsUnderContention(),
          r.falseFailuresUnderContention()));
    }
  }

  static JsonObject json(List<GossipResult> results) {
    JsonObject o = new JsonObject();
    JsonArray systems = new JsonArray();
    for (GossipResult r : results) {
      JsonObject s = new JsonObject();
      s.addProperty("system", r.system());
      s.addProperty("settings", r.settingsDescription());
      s.addProperty("false_suspicions_under_contention", r.falseSuspicionsUnderContention());
      s.addProperty("false_failures_under_contention", r.falseFailuresUnderContention());
      s.addProperty("contention_window_seconds", r.contentionWindow().toSeconds());
      JsonArray runs = new JsonArray();
      for (DetectionRun run : r.runs()) {
        JsonObject j = new JsonObject();
        j.addProperty("under_contention", run.underContention());
        j.addProperty("killed_member", run.killedMember());
        j.addProperty("all_saw_dead_ms", run.allSawDead().toMillis());
        j.addProperty("first_saw_dead_ms", run.firstSawDead().toMillis());
        j.addProperty("detected", run.detected());
        runs.add(j);
      }
      s.add("runs", runs);
      systems.add(s);
    }
    o.add("systems", systems);
    JsonArray bars = new JsonArray();
    GossipComparison.bars(results).forEach(b -> bars.add(JsonReport.bar(null, b)));
    o.add("bars", bars);
    return o;
  }
}
