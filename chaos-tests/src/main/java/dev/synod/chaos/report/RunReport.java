package dev.synod.chaos.report;

import com.google.gson.GsonBuilder;
import com.google.gson.JsonArray;
import com.google.gson.JsonElement;
import com.google.gson.JsonNull;
import com.google.gson.JsonObject;
import com.google.gson.JsonPrimitive;
import dev.synod.chaos.checker.CheckResult;
import dev.synod.chaos.history.FaultWindow;
import dev.synod.chaos.history.FaultWindows;
import dev.synod.chaos.history.History;
import dev.synod.chaos.history.Op;
import dev.synod.chaos.history.OpPair;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

/**
 * Writes one run's report directory: {@code history.jsonl}, {@code results.json}, {@code timeline.html} and
 * {@code latency.svg}.
 */
public final class RunReport {
  private static final DateTimeFormatter RUN_TIME =
      DateTimeFormatter.ofPattern("yyyyMMdd'T'HHmmss.SSS'Z'").withZone(ZoneOffset.UTC);

  private RunReport() {}

  /** {@code root/<test>/<time>}, e.g. {@code target/chaos/partitionMajority/20250101T120000.000Z}. */
  public static Path runDirectory(Path root, String test, Instant now) {
    return root.resolve(test.replaceAll("[^A-Za-z0-9._-]", "_")).resolve(RUN_TIME.format(now));
  }

  /**
   * Writes the report into {@code dir}, creating it, and returns {@code dir} so a failing test's message can name
   * it. {@code testInfo} (test name, seed, nemesis, ...) goes into results.json and the timeline's header; values
   * that are not strings, numbers, booleans, maps or collections are written as their {@code toString()}.
   */
  public static Path write(Path dir, History history, CheckResult result, Map<String, Object> testInfo) {
    try {
      Files.createDirectories(dir);
      List<Op> ops = history.ops();
      List<OpPair> pairs = history.pairs();
      List<FaultWindow> windows = FaultWindows.of(ops);
      long end = ops.isEmpty() ? 0 : ops.get(ops.size() - 1).timeNanos();
      JsonObject info = toJson(testInfo == null ? Map.of() : testInfo).getAsJsonObject();
      String title = info.has("test") && info.get("test").isJsonPrimitive() ? info.get("test").getAsString()
          : String.valueOf(dir.getFileName());

      history.writeJsonl(dir.resolve("history.jsonl"));
      JsonObject results = new JsonObject();
      results.add("test", info);
      if (result != null) {
        result.toJsonTree().entrySet().forEach(e -> results.add(e.getKey(), e.getValue()));
      }
      write(dir.resolve("results.json"),
          new GsonBuilder().serializeNulls().disableHtmlEscaping().setPrettyPrinting().create().toJson(results));
      write(dir.resolve("timeline.html"), TimelineHtml.render(title, ops, pairs, windows, result, info));
      write(dir.resolve("latency.svg"), LatencySvg.render(pairs, windows, end, title + " — latency"));
      return dir;
    } catch (IOException e) {
      throw new UncheckedIOException("report directory: " + dir, e);
    }
  }

  private static void write(Path file, String content) throws IOException {
    Files.writeString(file, content, StandardCharsets.UTF_8);
  }

  /** Converts plain values to JSON without reflection, which fails on JDK types such as Duration. */
  private static JsonElement toJson(Object v) {
    if (v == null) {
      return JsonNull.INSTANCE;
    }
    if (v instanceof JsonElement j) {
      return j;
    }
    if (v instanceof Number n) {
      return new JsonPrimitive(n);
    }
    if (v instanceof Boolean b) {
      return new JsonPrimitive(b);
    }
    if (v instanceof Map<?, ?> m) {
      JsonObject o = new JsonObject();
      m.forEach((k, val) -> o.add(String.valueOf(k), toJson(val)));
      return o;
    }
    if (v instanceof Iterable<?> it) {
      JsonArray a = new JsonArray();
      it.forEach(x -> a.add(toJson(x)));
      return a;
    }
    return new JsonPrimitive(String.valueOf(v));
  }
}
