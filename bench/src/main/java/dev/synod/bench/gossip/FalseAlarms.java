package dev.synod.bench.gossip;

import java.util.List;

/**
 * Suspicions and failure reports about members that were alive all along, in a window with nobody killed.
 *
 * @param suspicions probe rounds of a live member that ended without an ack, counted at each prober
 * @param failures reports of a live member as failed, one per observing member
 */
record FalseAlarms(int suspicions, int failures) {
  static final FalseAlarms NONE = new FalseAlarms(0, 0);

  /** Counts what {@code members} (all alive) reported about each other in [{@code fromNanos}, {@code toNanos}). */
  static FalseAlarms count(List<Observation> observations, List<String> members, long fromNanos, long toNanos) {
    int suspicions = 0;
    int failures = 0;
    for (Observation o : observations) {
      boolean inWindow = o.nanos() >= fromNanos && o.nanos() < toNanos;
      if (!inWindow || !members.contains(o.value()) || o.value().equals(o.observer())) {
        continue;
      }
      if (o.kind() == ObservationKind.SUSPECTED) {
        suspicions++;
      } else if (o.kind() == ObservationKind.FAILED) {
        failures++;
      }
    }
    return new FalseAlarms(suspicions, failures);
  }
}
