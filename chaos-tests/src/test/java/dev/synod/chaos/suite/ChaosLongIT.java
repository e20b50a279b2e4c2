package dev.synod.chaos.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.chaos.checker.Verdict;
import dev.synod.chaos.cluster.ChaosImages;
import dev.synod.chaos.cluster.DockerCluster;
import dev.synod.chaos.nemesis.Nemeses;
import dev.synod.chaos.nemesis.Nemesis;
import dev.synod.chaos.workload.CasRegisterWorkload;
import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.function.Supplier;
import org.junit.jupiter.api.Test;

/**
 * The long matrix (-Pchaos-long): every combination of nemesis families (31; -Dchaos.long.max-families
 * limits how many mix in one run), each for -Dchaos.long.seeds (20) seeds of -Dchaos.long.minutes (5) minutes. Writes target/chaos/long-summary.md
 * with the anomalies counted per nemesis family, and fails if any run was not VALID.
 */
class ChaosLongIT {
  @Test
  void everyNemesisFamilyOverManySeeds() throws IOException {
    int seeds = Integer.getInteger("chaos.long.seeds", 20);
    Duration each = Duration.ofMinutes(Long.getLong("chaos.long.minutes", 5));
    long firstSeed = Long.getLong("chaos.long.first-seed", 1);
    Map<String, Supplier<List<Nemesis>>> families = combinations(Integer.getInteger("chaos.long.max-families", 5));
    List<String> rows = new ArrayList<>();
    List<String> failures = new ArrayList<>();
    String image = ChaosImages.locate().nodeImage();
    try (DockerCluster cluster = DockerCluster.builder(image).name("synod-chaos-long").subnet("10.80.0.0/24").build()
        .start()) {
      cluster.awaitHealthy(Duration.ofMinutes(3));
      for (var family : families.entrySet()) {
        int valid = 0;
        int invalid = 0;
        int unknown = 0;
        for (long seed = firstSeed; seed < firstSeed + seeds; seed++) {
          String test = "long-" + family.getKey().replace('+', '-');
          var run = ChaosScenario.run(cluster, test, seed,
              new CasRegisterWorkload(test + "/" + seed + "/", 10, 30), family.getValue().get(), each,
              Duration.ofSeconds(10), Duration.ofSeconds(10), Duration.ofSeconds(30));
          Verdict v = run.result().verdict();
          if (v == Verdict.VALID) {
            valid++;
          } else if (v == Verdict.INVALID) {
            invalid++;
            failures.add(run.describe());
          } else {
            unknown++;
            failures.add(run.describe());
          }
          cluster.awaitHealthy(Duration.ofMinutes(3));
        }
        rows.add("| " + family.getKey() + " | " + seeds + " | " + valid + " | " + invalid + " | " + unknown + " |");
      }
    }
    Path summary = ChaosScenario.REPORTS.resolve("long-summary.md");
    Files.createDirectories(summary.getParent());
    Files.writeString(summary, "| nemeses | runs | valid | anomalies (invalid) | unknown |\n|---|---|---|---|---|\n"
        + String.join("\n", rows) + "\n");
    assertThat(failures).as("see " + summary.toAbsolutePath()).isEmpty();
  }

  /** Every non-empty combination of nemesis families, up to {@code maxFamilies} families mixed in one run. */
  static Map<String, Supplier<List<Nemesis>>> combinations(int maxFamilies) {
    Map<String, Supplier<List<Nemesis>>> base = new LinkedHashMap<>();
    base.put("partitions", Nemeses::partitions);
    base.put("kills", Nemeses::kills);
    base.put("pauses", Nemeses::pauses);
    base.put("clocks", Nemeses::clocks);
    base.put("membership", Nemeses::membership);
    List<String> names = List.copyOf(base.keySet());
    Map<String, Supplier<List<Nemesis>>> out = new LinkedHashMap<>();
    for (int mask = 1; mask < (1 << names.size()); mask++) {
      if (Integer.bitCount(mask) > maxFamilies) {
        continue;
      }
      List<String> chosen = new ArrayList<>();
      for (int i = 0; i < names.size(); i++) {
        if ((mask & (1 << i)) != 0) {
          chosen.add(names.get(i));
        }
      }
      out.put(String.join("+", chosen), () -> {
        List<Nemesis> all = new ArrayList<>();
        chosen.forEach(n -> all.addAll(base.get(n).get()));
        return all;
      });
    }
    return out;
  }
}
