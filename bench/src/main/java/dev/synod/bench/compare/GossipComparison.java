package dev.synod.bench.compare;

import dev.synod.bench.gossip.GossipPlan;
import dev.synod.bench.gossip.GossipResult;
import dev.synod.bench.gossip.GossipScenario;
import dev.synod.bench.gossip.GossipSubject;
import dev.synod.bench.gossip.SerfCluster;
import dev.synod.bench.gossip.SerfInstaller;
import dev.synod.bench.gossip.SynodGossipCluster;
import dev.synod.bench.report.Bar;
import dev.synod.bench.report.BarResult;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * P5: Synod's membership (N `synod gossip-probe` processes) and serf (N `serf agent` processes), both with
 * their LAN settings, one after the other: detection of a killed member, with and without CPU contention, and
 * false suspicions of live members under contention.
 */
public final class GossipComparison {
  public static final String SERF = "serf";

  private GossipComparison() {}

  public static List<GossipResult> run(GossipPlan plan, Path distribution, Path workDir, PrintStream out)
      throws InterruptedException {
    var serf = SerfInstaller.system(out).findOrInstall();
    GossipScenario scenario = new GossipScenario(plan, out);
    List<GossipResult> results = new ArrayList<>();
    for (GossipSubject subject : List.of(
        SynodGossipCluster.create(distribution, workDir.resolve("gossip-synod"), "lan", plan.secure()),
        SerfCluster.create(serf, workDir.resolve("gossip-serf"), "lan", plan.secure()))) {
      try (subject) {
        out.printf("==> gossip: %s, %d members, %d runs per condition%n", subject.system(), plan.members(),
            plan.runs());
        GossipResult r = scenario.run(subject);
        out.println("    " + r.system() + ": median detection " + r.medianDetection(false).toMillis() + " ms, under"
            + " contention " + r.medianDetection(true).toMillis() + " ms, false suspicions "
            + r.falseSuspicionsUnderContention() + ", false failures " + r.falseFailuresUnderContention());
        results.add(r);
      }
    }
    return results;
  }

  /** The P5 bars: detection (quiet and under contention) and false suspicions, Synod against serf. */
  public static List<BarResult> bars(List<GossipResult> results) {
    Optional<GossipResult> synod = find(results, CompareResult.SYNOD);
    Optional<GossipResult> serf = find(results, SERF);
    if (synod.isEmpty() || serf.isEmpty()) {
      return List.of();
    }
    GossipResult s = synod.get();
    GossipResult f = serf.get();
    List<BarResult> bars = new ArrayList<>();
    bars.add(Bar.atMost("P5", "failure detection, every survivor, median (ms)", 1.0)
        .evaluate(s.medianDetection(false).toMillis(), f.medianDetection(false).toMillis()));
    if (!s.runs(true).isEmpty() && !f.runs(true).isEmpty()) {
      bars.add(Bar.atMost("P5", "failure detection under CPU contention, median (ms)", 1.0)
          .evaluate(s.medianDetection(true).toMillis(), f.medianDetection(true).toMillis()));
    }
    bars.add(Bar.atMost("P5", "false suspicions under CPU contention", 1.0)
        .evaluate(s.falseSuspicionsUnderContention(), f.falseSuspicionsUnderContention()));
    bars.add(Bar.atMost("P5", "live members reported failed under CPU contention", 1.0)
        .evaluate(s.falseFailuresUnderContention(), f.falseFailuresUnderContention()));
    return bars;
  }

  private static Optional<GossipResult> find(List<GossipResult> results, String system) {
    return results.stream().filter(r -> r.system().equals(system)).findFirst();
  }
}
