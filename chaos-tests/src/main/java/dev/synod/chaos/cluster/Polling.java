package dev.synod.chaos.cluster;

import java.time.Duration;
import java.util.Optional;
import java.util.function.Supplier;

/** Waiting on a real cluster: ask until there is an answer or the time is up. */
public final class Polling {
  private Polling() {}

  /** The first present answer of {@code probe}, asked every {@code interval}; ClusterException after {@code timeout}. */
  public static <T> T until(Supplier<Optional<T>> probe, Duration timeout, Duration interval, String what) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      Optional<T> answer = probe.get();
      if (answer.isPresent()) {
        return answer.get();
      }
      if (System.nanoTime() > deadline) {
        throw new ClusterException("no " + what + " within " + timeout);
      }
      DockerCluster.sleep(interval);
    }
  }
}
