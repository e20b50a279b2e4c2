package dev.synod.chaos.nemesis;

import dev.synod.chaos.cluster.DockerCluster;
import dev.synod.chaos.cluster.Polling;
import java.time.Duration;
import java.util.Objects;
import java.util.Optional;
import java.util.Random;
import java.util.function.Supplier;

/**
 * What a nemesis works with: the cluster, a seeded random (so the same seed picks the same targets when the
 * cluster behaves alike) and a way to find the current leader.
 */
public final class NemesisContext {
  private final DockerCluster cluster;
  private final Random random;
  private final Supplier<Optional<String>> leaderFinder;

  /** Finds the leader with {@link DockerCluster#leader()} (status of every live node through the client). */
  public NemesisContext(DockerCluster cluster, Random random) {
    this(cluster, random, cluster::leader);
  }

  public NemesisContext(DockerCluster cluster, Random random, Supplier<Optional<String>> leaderFinder) {
    this.cluster = Objects.requireNonNull(cluster, "cluster");
    this.random = Objects.requireNonNull(random, "random");
    this.leaderFinder = Objects.requireNonNull(leaderFinder, "leaderFinder");
  }

  /** A context whose random is {@code new Random(seed)}. */
  public static NemesisContext seeded(DockerCluster cluster, long seed) {
    return new NemesisContext(cluster, new Random(seed));
  }

  public DockerCluster cluster() {
    return cluster;
  }

  public Random random() {
    return random;
  }

  /** The current leader, if the live nodes name one now. */
  public Optional<String> leader() {
    return leaderFinder.get();
  }

  /** The current leader, waiting up to {@code timeout} for one; throws if there is none. */
  public String requireLeader(Duration timeout) {
    return Polling.until(this::leader, timeout, Duration.ofMillis(200), "leader");
  }

}
