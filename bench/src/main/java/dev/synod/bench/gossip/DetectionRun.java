package dev.synod.bench.gossip;

import java.time.Duration;
import java.util.Objects;

/**
 * One kill and how long the survivors took to report it, measured from just before the SIGKILL to the arrival
 * of each survivor's failure report at the harness.
 *
 * @param system "synod" or "serf"
 * @param underContention whether a busy loop ran on every core
 * @param killedMember the index of the killed member
 * @param allSawDead until the last survivor reported it; when not {@code detected}, how long the harness
 *     waited (a lower bound)
 * @param firstSawDead until the first survivor reported it; the wait, when none did
 * @param detected whether every survivor reported it within the plan's maxDetection
 */
public record DetectionRun(String system, boolean underContention, int killedMember, Duration allSawDead,
    Duration firstSawDead, boolean detected) {
  public DetectionRun {
    Objects.requireNonNull(system, "system");
    Objects.requireNonNull(allSawDead, "allSawDead");
    Objects.requireNonNull(firstSawDead, "firstSawDead");
    if (killedMember < 0) {
      throw new IllegalArgumentException("killedMember: " + killedMember + " (expected: >= 0)");
    }
  }
}
