package dev.synod.bench.gossip;

import java.io.PrintStream;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Objects;
import java.util.stream.IntStream;

/**
 * The gossip benchmark for one system. Each run starts a fresh ring (so runs are independent: no leftover
 * suspicion, awareness or reconnect state), waits until every member sees all the others, SIGKILLs one member
 * (member 1, 2, ... in turn) and waits until every survivor has reported it failed. {@code runs} runs go
 * without load, then as many with {@link CpuContention} started just before the kill. The first loaded run
 * first watches the ring for the contention window with nobody killed: every suspicion and failure report in
 * it concerns a live member.
 */
public final class GossipScenario {
  private final GossipPlan plan;
  private final PrintStream progress;

  public GossipScenario(GossipPlan plan, PrintStream progress) {
    this.plan = Objects.requireNonNull(plan, "plan");
    this.progress = Objects.requireNonNull(progress, "progress");
  }

  /**
   * @throws IllegalStateException when a ring does not start or settle within the plan's settle time, or a
   *     member other than the victim dies: such a run measures nothing
   */
  public GossipResult run(GossipSubject subject) throws InterruptedException {
    List<DetectionRun> runs = new ArrayList<>();
    String settings = "";
    FalseAlarms alarms = FalseAlarms.NONE;
    for (boolean loaded : List.of(false, true)) {
      for (int r = 0; r < plan.runs(); r++) {
        boolean watch = loaded && r == 0 && !plan.contentionWindow().isZero();
        try (GossipRing ring = startSettled(subject)) {
          settings = ring.settings();
          CpuContention load = loaded ? CpuContention.start() : null;
          try {
            if (watch) {
              alarms = watchWindow(subject, ring);
            }
            runs.add(detect(subject, ring, loaded, (r + 1) % plan.members()));
            if (load != null && !load.running()) {
              throw new IllegalStateException("a busy loop of the CPU contention exited during the run"
                  + " (expected: all " + load.processes() + " spinning until the end)");
            }
          } finally {
            if (load != null) {
              load.close();
            }
          }
        }
      }
    }
    return new GossipResult(subject.system(), subject.describe() + "; " + settings, runs, alarms.suspicions(),
        alarms.failures(), plan.contentionWindow());
  }

  /** A fresh ring in which every member sees all the others. */
  private GossipRing startSettled(GossipSubject subject) throws InterruptedException {
    long starting = System.nanoTime();
    GossipRing ring = subject.start(plan.members(), plan.settle());
    try {
      long up = System.nanoTime();
      settle(subject, ring);
      progress.printf(Locale.ROOT, "gossip %s: %d members up after %s, all seeing each other after %s more%n",
          subject.system(), plan.members(), seconds(Duration.ofNanos(up - starting)),
          seconds(Duration.ofNanos(System.nanoTime() - up)));
      return ring;
    } catch (RuntimeException | InterruptedException e) {
      ring.close();
      throw e;
    }
  }

  private void settle(GossipSubject subject, GossipRing ring) throws InterruptedException {
    List<Integer> all = IntStream.range(0, plan.members()).boxed().toList();
    boolean settled = ring.observations().awaitUntil(seen -> {
      ring.requireRunning(all);
      return RingViews.settled(seen, ring.members());
    }, System.nanoTime() + plan.settle().toNanos());
    if (!settled) {
      throw new IllegalStateException(subject.system() + ": the ring did not settle within " + plan.settle()
          + " (expected: every member sees all " + plan.members() + "): "
          + RingViews.missing(ring.observations().snapshot(), ring.members()));
    }
  }

  private FalseAlarms watchWindow(GossipSubject subject, GossipRing ring) throws InterruptedException {
    long from = System.nanoTime();
    long to = from + plan.contentionWindow().toNanos();
    List<Integer> all = IntStream.range(0, plan.members()).boxed().toList();
    // Nothing to wait for: the window simply runs out, unless a member dies.
    ring.observations().awaitUntil(seen -> {
      ring.requireRunning(all);
      return false;
    }, to);
    FalseAlarms alarms = FalseAlarms.count(ring.observations().snapshot(), ring.members(), from, to);
    progress.printf(Locale.ROOT, "gossip %s: %s under CPU contention with nobody killed: %d suspicions and %d"
        + " failure reports of live members%n", subject.system(), plan.contentionWindow(), alarms.suspicions(),
        alarms.failures());
    return alarms;
  }

  private DetectionRun detect(GossipSubject subject, GossipRing ring, boolean loaded, int victim)
      throws InterruptedException {
    String victimName = ring.members().get(victim);
    List<Integer> survivors = IntStream.range(0, plan.members()).filter(m -> m != victim).boxed().toList();
    List<String> survivorNames = survivors.stream().map(ring.members()::get).toList();
    long killed = ring.kill(victim);
    ring.observations().awaitUntil(seen -> {
      ring.requireRunning(survivors);
      return Detection.allSaw(seen, victimName, survivorNames, killed);
    }, killed + plan.maxDetection().toNanos());
    long waited = System.nanoTime() - killed;
    DetectionRun run = Detection.measure(subject.system(), loaded, victim, victimName, survivorNames, killed, waited,
        ring.observations().snapshot());
    progress.printf(Locale.ROOT, "gossip %s: %s: killed %s; %s%n", subject.system(),
        loaded ? "under CPU contention" : "no load", victimName, run.detected()
            ? "all " + survivors.size() + " survivors saw it dead after " + seconds(run.allSawDead()) + " (first after "
                + seconds(run.firstSawDead()) + ")"
            : "NOT DETECTED by every survivor within " + plan.maxDetection());
    return run;
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.2f s", d.toNanos() / 1e9);
  }
}
