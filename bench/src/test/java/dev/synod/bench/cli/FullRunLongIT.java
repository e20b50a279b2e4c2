package dev.synod.bench.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.within;

import com.google.gson.JsonElement;
import com.google.gson.JsonObject;
import com.google.gson.JsonParser;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.HashSet;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/**
 * The full side-by-side run, only under {@code -Pbench} ({@code ./mvnw -B -Pbench -pl bench verify}, after a
 * build of the distribution): {@code synod-bench all} by default, or the subcommand and flags in
 * {@code -Dbench.args}. The report goes under {@code bench/results/} and the clusters' data and logs under
 * {@code .synod-bench/}, as with {@code synod bench} from the source tree's root. It checks that the run
 * finished and that its report holds a measured number for each bar the subcommand covers. Whether a bar is
 * met is the report's to say, not an assertion: a shared machine's timings are no pass/fail test.
 */
class FullRunLongIT {
  @Test
  void theRunFinishesAndReportsAMeasurementForEveryBarItCovers() throws IOException {
    Path out = Path.of(System.getProperty("bench.out", "results")).toAbsolutePath();
    List<String> args = new ArrayList<>(Arrays.asList(System.getProperty("bench.args", "all").trim().split("\\s+")));
    if (!args.contains("--out")) {
      args.addAll(List.of("--out", out.toString()));
    }
    String work = System.getProperty("bench.work");
    if (work != null && !args.contains("--work-dir")) {
      args.addAll(List.of("--work-dir", work));
    }
    Set<Path> before = reportDirs(out);

    assertThat(BenchMain.commandLine().execute(args.toArray(String[]::new))).as("exit code of %s", args).isZero();

    Set<Path> written = reportDirs(out);
    written.removeAll(before);
    assertThat(written).as("report directories the run added under %s", out).hasSize(1);
    Path dir = written.iterator().next();
    assertThat(dir.resolve("report.md")).isNotEmptyFile();
    JsonObject report = JsonParser.parseString(Files.readString(dir.resolve("report.json"))).getAsJsonObject();
    assertMeasured(barsOf(report, args));
  }

  /** The bars a subcommand's report must carry: P1-P3 for every comparison unless some scenarios were picked. */
  private static List<JsonObject> barsOf(JsonObject report, List<String> args) {
    String command = args.get(0);
    List<JsonObject> bars = new ArrayList<>();
    if (command.equals("all") || command.equals("compare")) {
      report.getAsJsonObject("compare").getAsJsonArray("bars").forEach(b -> bars.add(b.getAsJsonObject()));
      if (!args.contains("--scenarios")) {
        assertThat(bars).extracting(b -> b.get("bar").getAsString()).contains("P1", "P2", "P3");
      }
    }
    if (command.equals("all") || command.equals("failover")) {
      bars.add(report.getAsJsonObject("failover").getAsJsonObject("bar"));
    }
    if (command.equals("all") || command.equals("gossip")) {
      report.getAsJsonObject("gossip").getAsJsonArray("bars").forEach(b -> bars.add(b.getAsJsonObject()));
    }
    assertThat(bars).as("bars in the report of '%s'", command).isNotEmpty();
    return bars;
  }

  /**
   * Each bar compares two measurements: counts (P5's false suspicions) may be 0 on both sides; a throughput,
   * latency, failover or detection time of 0, or a missing side, is no measurement.
   */
  private static void assertMeasured(List<JsonObject> bars) {
    for (JsonObject bar : bars) {
      String name = bar.get("bar").getAsString() + " " + bar.get("metric").getAsString();
      assertThat(bar.get("met")).as("%s: verdict", name).isNotNull();
      double synod = number(bar, "synod");
      double baseline = number(bar, "baseline");
      if (name.contains("false suspicions") || name.contains("reported failed")) {
        assertThat(synod).as("%s: Synod", name).isGreaterThanOrEqualTo(0);
        assertThat(baseline).as("%s: reference", name).isGreaterThanOrEqualTo(0);
        continue;
      }
      assertThat(synod).as("%s: Synod", name).isPositive();
      assertThat(baseline).as("%s: reference", name).isPositive();
      assertThat(number(bar, "ratio")).as("%s: ratio", name)
          .isCloseTo(synod / baseline, within(1e-9 * synod / baseline));
    }
  }

  private static double number(JsonObject bar, String field) {
    JsonElement value = bar.get(field);
    assertThat(value).as("%s of %s", field, bar).isNotNull();
    return value.getAsDouble();
  }

  private static Set<Path> reportDirs(Path out) throws IOException {
    if (!Files.isDirectory(out)) {
      return new HashSet<>();
    }
    try (Stream<Path> dirs = Files.list(out)) {
      return new HashSet<>(dirs.filter(d -> Files.isRegularFile(d.resolve("report.json"))).toList());
    }
  }
}
