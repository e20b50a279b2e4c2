package dev.synod.bench.output;

import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.synod.bench.compare.FailoverSummary;
import dev.synod.bench.failover.FailoverResult;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

/** P4 in the report: every run, then the bar on the medians. */
final class FailoverSection {
  private FailoverSection() {}

  static void markdown(StringBuilder md, List<FailoverResult> runs) {
    if (runs.isEmpty()) {
      return;
    }
    md.append("\n## Failover (P4): SIGKILL the leader under a steady write load\n\n");
    md.append(runs.get(0).plan().describe()).append("\n\n");
    md.append("| system | killed | new leader | first ack after kill | half throughput after | writes/s before |"
        + " failed | failures by status |\n|---|---:|---:|---:|---:|---:|---:|---|\n");
    for (FailoverResult r : runs) {
      md.append(String.format(Locale.ROOT, "| %s | %d | %s | %s | %s | %,.0f | %d | %s |%n", r.system(),
          r.killedMember(), r.newLeader().isPresent() ? Integer.toString(r.newLeader().getAsInt()) : "none",
          millis(r.killToFirstAck()), millis(r.recoveryToHalfThroughput()), r.preKillOpsPerSecond(),
          r.failedRequests(), r.failuresByStatus()));
    }
    FailoverSummary.bar(runs).ifPresent(b -> md.append(String.format(Locale.ROOT,
        "%n**P4** median first ack: Synod %.0f ms, etcd %.0f ms, ratio %s (target ≤ 1.00×): %s%n",
        b.ratio().synod(), b.ratio().baseline(), b.ratio(), MarkdownReport.verdict(b))));
  }

  static JsonObject json(List<FailoverResult> runs) {
    JsonObject o = new JsonObject();
    if (!runs.isEmpty()) {
      o.addProperty("plan", runs.get(0).plan().describe());
    }
    JsonArray a = new JsonArray();
    for (FailoverResult r : runs) {
      JsonObject j = new JsonObject();
      j.addProperty("system", r.system());
      j.addProperty("killed_member", r.killedMember());
      r.newLeader().ifPresent(l -> j.addProperty("new_leader", l));
      j.addProperty("recovered", r.recovered());
      r.killToFirstAck().ifPresent(d -> j.addProperty("kill_to_first_ack_ms", d.toNanos() / 1e6));
      r.recoveryToHalfThroughput().ifPresent(d -> j.addProperty("kill_to_half_throughput_ms", d.toNanos() / 1e6));
      j.addProperty("pre_kill_writes_per_second", r.preKillOpsPerSecond());
      j.addProperty("pre_kill_failures", r.preKillFailures());
      j.addProperty("failed_requests", r.failedRequests());
      JsonObject by = new JsonObject();
      r.failuresByStatus().forEach(by::addProperty);
      j.add("failures_by_status", by);
      j.addProperty("request_deadline_ms", r.requestDeadline().toMillis());
      a.add(j);
    }
    o.add("runs", a);
    FailoverSummary.bar(runs).ifPresent(b -> o.add("bar", JsonReport.bar(null, b)));
    return o;
  }

  private static String millis(Optional<Duration> d) {
    return d.map(v -> String.format(Locale.ROOT, "%.0f ms", v.toNanos() / 1e6)).orElse("never");
  }
}
