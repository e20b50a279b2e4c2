package dev.synod.bench.gossip;

import java.time.Duration;
import java.util.List;
import java.util.Objects;

/**
 * One system's gossip benchmark.
 *
 * @param settingsDescription the settings both systems ran with, written down: probe interval and timeout,
 *     indirect probes, suspicion multiplier, gossip timing, transport security
 * @param falseSuspicionsUnderContention suspicions of live members raised during the contention window: each
 *     is one probe round of a live member that ended without an ack, direct or indirect
 * @param falseFailuresUnderContention reports of a live member as failed during the contention window, one per
 *     observing member
 */
public record GossipResult(String system, String settingsDescription, List<DetectionRun> runs,
    int falseSuspicionsUnderContention, int falseFailuresUnderContention, Duration contentionWindow) {
  public GossipResult {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(settingsDescription, "settingsDescription");
    runs = List.copyOf(runs);
    Objects.requireNonNull(contentionWindow, "contentionWindow");
  }

  /**
   * The median time until every survivor saw the victim dead, over the runs of one condition (the mean of the
   * middle two for an even count). An undetected run counts with its wait, a lower bound; see {@link
   * #undetectedRuns}.
   *
   * @throws IllegalStateException when no run of that condition was made
   */
  public Duration medianDetection(boolean underContention) {
    List<Duration> sorted = runs(underContention).stream().map(DetectionRun::allSawDead).sorted().toList();
    if (sorted.isEmpty()) {
      throw new IllegalStateException(system + ": no run " + (underContention ? "under" : "without")
          + " contention (expected: at least one)");
    }
    int middle = sorted.size() / 2;
    return sorted.size() % 2 == 1 ? sorted.get(middle) : sorted.get(middle - 1).plus(sorted.get(middle)).dividedBy(2);
  }

  /** Runs of one condition in which some survivor did not report the victim within maxDetection. */
  public long undetectedRuns(boolean underContention) {
    return runs(underContention).stream().filter(r -> !r.detected()).count();
  }

  public List<DetectionRun> runs(boolean underContention) {
    return runs.stream().filter(r -> r.underContention() == underContention).toList();
  }
}
