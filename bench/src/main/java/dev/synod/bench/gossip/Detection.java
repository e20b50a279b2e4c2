package dev.synod.bench.gossip;

import java.time.Duration;
import java.util.List;
import java.util.OptionalLong;

/** When the survivors of a kill reported the victim failed, from the stamped observations. */
final class Detection {
  private Detection() {}

  /** Whether every survivor has reported {@code victim} failed since {@code killNanos}. */
  static boolean allSaw(List<Observation> observations, String victim, List<String> survivors, long killNanos) {
    return survivors.stream().allMatch(s -> firstReport(observations, s, victim, killNanos).isPresent());
  }

  /**
   * The run's result: for each survivor the first failure report of {@code victim} after the kill; detected
   * when every survivor made one. Without one, the times are the {@code waited} nanos.
   */
  static DetectionRun measure(String system, boolean underContention, int killedMember, String victim,
      List<String> survivors, long killNanos, long waitedNanos, List<Observation> observations) {
    long first = Long.MAX_VALUE;
    long last = Long.MIN_VALUE;
    boolean all = true;
    for (String survivor : survivors) {
      OptionalLong at = firstReport(observations, survivor, victim, killNanos);
      if (at.isPresent()) {
        first = Math.min(first, at.getAsLong() - killNanos);
        last = Math.max(last, at.getAsLong() - killNanos);
      } else {
        all = false;
      }
    }
    Duration firstSaw = Duration.ofNanos(first == Long.MAX_VALUE ? waitedNanos : first);
    Duration allSaw = Duration.ofNanos(all ? last : waitedNanos);
    return new DetectionRun(system, underContention, killedMember, allSaw, firstSaw, all);
  }

  private static OptionalLong firstReport(List<Observation> observations, String survivor, String victim,
      long killNanos) {
    return observations.stream()
        .filter(o -> o.nanos() >= killNanos && o.is(survivor, ObservationKind.FAILED, victim))
        .mapToLong(Observation::nanos)
        .findFirst();
  }
}
