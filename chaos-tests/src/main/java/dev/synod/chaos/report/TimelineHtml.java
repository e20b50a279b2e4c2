package dev.synod.chaos.report;

import com.google.gson.Gson;
import com.google.gson.JsonArray;
import com.google.gson.JsonObject;
import dev.synod.chaos.checker.CheckResult;
import dev.synod.chaos.checker.Explanation;
import dev.synod.chaos.history.FaultWindow;
import dev.synod.chaos.history.Op;
import dev.synod.chaos.history.OpPair;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.TreeSet;

/**
 * Renders {@code timeline.html}: one lane per process, each op a box from invocation to completion, fault windows
 * shaded, details on hover, and the ops an explanation names outlined (the one it could not linearize in red). The page is one file with no external
 * resource; the data sits in it as JSON and a short script draws it.
 */
final class TimelineHtml {
  // Gson's default HTML escaping turns '<' into \u003c, so the JSON cannot close the <script> element.
  private static final Gson HTML_SAFE = new Gson();

  private TimelineHtml() {}

  static String render(String title, List<Op> ops, List<OpPair> pairs, List<FaultWindow> windows,
      CheckResult result, JsonObject testInfo) {
    long end = ops.isEmpty() ? 0 : ops.get(ops.size() - 1).timeNanos();
    Set<Long> named = new HashSet<>();
    Set<Long> stuck = new HashSet<>();
    if (result != null && result.linearizability() != null) {
      for (Explanation e : result.linearizability().explanations()) {
        named.addAll(e.namedInvokeIndices());
        stuck.add(e.stuck().invokeIndex());
      }
    }
    Set<Integer> lanes = new TreeSet<>();
    JsonArray opRows = new JsonArray();
    for (OpPair p : pairs) {
      lanes.add(p.process());
      JsonArray row = new JsonArray();
      row.add(p.process());
      row.add(p.invoke().timeNanos());
      row.add(p.completion().timeNanos());
      row.add(p.pending() ? "pending" : p.type().jsonName());
      row.add(p.f());
      row.add(p.key());
      row.add(p.invoke().value().toString());
      row.add(p.completion().value().toString());
      row.add(p.completion().error());
      row.add(p.invoke().index());
      row.add(p.completion().index());
      // 2: the op an explanation could not linearize; 1: another op it names.
      row.add(stuck.contains(p.invoke().index()) ? 2 : named.contains(p.invoke().index()) ? 1 : 0);
      opRows.add(row);
    }
    JsonArray nemesis = new JsonArray();
    for (Op op : ops) {
      if (op.isNemesis()) {
        lanes.add(Op.NEMESIS);
        JsonArray row = new JsonArray();
        row.add(op.timeNanos());
        row.add(op.f());
        row.add(op.value().toString());
        row.add(op.index());
        nemesis.add(row);
      }
    }
    JsonArray windowRows = new JsonArray();
    for (FaultWindow w : windows) {
      JsonArray row = new JsonArray();
      row.add(w.fault());
      row.add(w.startNanos());
      row.add(w.healNanos(end));
      row.add(w.healed());
      windowRows.add(row);
    }
    JsonObject data = new JsonObject();
    data.addProperty("title", title);
    data.addProperty("verdict", result == null ? "not checked" : result.verdict().name());
    data.addProperty("summary", result == null ? "" : result.summary());
    data.add("info", testInfo);
    data.addProperty("end", end);
    JsonArray laneArray = new JsonArray();
    lanes.forEach(laneArray::add);
    data.add("lanes", laneArray);
    data.add("ops", opRows);
    data.add("nemesis", nemesis);
    data.add("windows", windowRows);
    return TimelinePage.TEMPLATE.replace("/*DATA*/", HTML_SAFE.toJson(data));
  }
}
