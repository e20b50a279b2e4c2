package dev.synod.chaos.suite;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.chaos.checker.Verdict;
import dev.synod.chaos.cluster.ChaosImages;
import dev.synod.chaos.cluster.DockerCluster;
import dev.synod.chaos.nemesis.PartitionNemesis;
import dev.synod.chaos.workload.CasRegisterWorkload;
import dev.synod.plant.ServeLinearizableReadsLocally;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/**
 * The test of the test: nodes built with the planted stale-read bug serve "linearizable" reads from local
 * state, and the leader is repeatedly cut off. The suite must report the anomaly.
 */
class PlantedBugIT {
  @Test
  void stalReadsFromAPartitionedOldLeaderAreCaught() {
    ChaosImages images = ChaosImages.locate();
    Path jar = ChaosImages.jarOf(Path.of("target", "planted-bug.jar"), ServeLinearizableReadsLocally.class);
    String image = images.withExtraJar(jar);
    try (DockerCluster cluster = DockerCluster.builder(image).name("synod-chaos-planted").subnet("10.78.0.0/24")
        .build().start()) {
      cluster.awaitHealthy(Duration.ofMinutes(3));
      var run = ChaosScenario.run(cluster, "planted-stale-reads", ChaosScenario.seed(),
          new CasRegisterWorkload("planted/", 4, 150),
          List.of(new PartitionNemesis(PartitionNemesis.Kind.ISOLATE_LEADER)), Duration.ofSeconds(60),
          Duration.ofSeconds(4), Duration.ofSeconds(10), Duration.ofSeconds(14));
      assertThat(run.result().verdict()).as("the planted bug must be caught\n" + run.describe())
          .isEqualTo(Verdict.INVALID);
      assertThat(run.result().linearizability().explanations()).as(run.describe()).isNotEmpty();
    }
  }
}
