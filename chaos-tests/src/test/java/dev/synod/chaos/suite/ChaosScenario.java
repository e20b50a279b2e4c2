package dev.synod.chaos.suite;

import dev.synod.chaos.checker.CheckResult;
import dev.synod.chaos.cluster.DockerCluster;
import dev.synod.chaos.nemesis.Nemesis;
import dev.synod.chaos.nemesis.NemesisContext;
import dev.synod.chaos.nemesis.NemesisSchedule;
import dev.synod.chaos.report.RunReport;
import dev.synod.chaos.run.ChaosRunner;
import dev.synod.chaos.run.ChaosSpec;
import dev.synod.chaos.run.NemesisFaultDriver;
import dev.synod.chaos.run.RunOutcome;
import dev.synod.chaos.workload.Workload;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

/**
 * Runs one scenario against a started cluster and writes its report under
 * chaos-tests/target/chaos/&lt;test&gt;/&lt;time&gt;/. The seed comes from -Dchaos.seed, or is drawn and printed.
 */
final class ChaosScenario {
  static final Path REPORTS = Path.of("target", "chaos");

  record Finished(RunOutcome outcome, Path reportDir, long seed, List<String> nemesisErrors) {
    CheckResult result() {
      return outcome.result();
    }

    /** The failure message: the verdict, the seed that replays the schedule, and where the report is. */
    String describe() {
      return outcome.result().summary() + "\nseed: " + seed + " (replay with -Dchaos.seed=" + seed + ")"
          + "\nreport: " + reportDir.toAbsolutePath()
          + (nemesisErrors.isEmpty() ? "" : "\nnemesis errors: " + nemesisErrors);
    }
  }

  static long seed() {
    String fixed = System.getProperty("chaos.seed");
    return fixed != null && !fixed.isBlank() ? Long.parseLong(fixed.trim()) : System.nanoTime() & 0xffff_ffffL;
  }

  static Finished run(DockerCluster cluster, String test, long seed, Workload workload, List<Nemesis> nemeses,
      Duration duration, Duration quiet, Duration faultMin, Duration faultMax) {
    ChaosSpec spec = new ChaosSpec(test, seed, workload, duration, 10, 100, Duration.ofSeconds(90),
        Duration.ofSeconds(60));
    NemesisFaultDriver faults = new NemesisFaultDriver(NemesisContext.seeded(cluster, seed),
        NemesisSchedule.random(nemeses, seed, quiet, faultMin, faultMax), duration);
    Path dir = RunReport.runDirectory(REPORTS, test, Instant.now());
    RunOutcome outcome;
    try {
      outcome = new ChaosRunner(() -> cluster.clientBuilder(cluster.apiEndpoints()), cluster::awaitHealthy)
          .run(spec, faults);
    } catch (RuntimeException e) {
      // No history to judge, but the nodes' logs (with a thread dump of each live node) show why the cluster did
      // not recover.
      cluster.threadDumpsAll();
      cluster.logsAll(dir.resolve("logs"));
      throw new IllegalStateException(test + " (seed " + seed + ") did not finish; node logs in "
          + dir.resolve("logs").toAbsolutePath() + "; nemesis errors: " + faults.errors(), e);
    }
    Map<String, Object> info = new LinkedHashMap<>();
    info.put("test", test);
    info.put("seed", seed);
    info.put("workload", workload.name());
    info.put("nemeses", nemeses.stream().map(Nemesis::name).toList());
    info.put("duration", duration.toString());
    info.put("image", cluster.image());
    info.put("nemesisErrors", faults.errors());
    RunReport.write(dir, outcome.history(), outcome.result(), info);
    cluster.logsAll(dir.resolve("logs"));
    return new Finished(outcome, dir, seed, faults.errors());
  }
}
