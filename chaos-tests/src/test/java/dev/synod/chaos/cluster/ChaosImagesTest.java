package dev.synod.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.plant.ServeLinearizableReadsLocally;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Builds (or reuses) the images through the deploy scripts; skipped only when no Docker daemon answers. */
class ChaosImagesTest {

  @BeforeAll
  static void needDocker() {
    Assumptions.assumeTrue(ChaosImages.dockerAvailable(), "no Docker daemon answers `docker info`");
  }

  @Test
  void imagesAreTaggedByInputHashAndReused() {
    ChaosImages images = ChaosImages.locate();
    String base = images.baseImage();
    String node = images.nodeImage();
    assertThat(base).matches("synod/base:[0-9a-f]{12}");
    assertThat(node).matches("synod/node:[0-9a-f]{12}");
    // A second call (fresh memo key is the same, so run the script again by hand) finds the same tag.
    ExecResult again = ChaosImages.run(List.of("bash", images.projectRoot().resolve("deploy/build-node-image.sh")
        .toString(), "--print-tag"), null, Duration.ofMinutes(1)).orThrow("build-node-image.sh --print-tag");
    assertThat(again.stdout().strip()).isEqualTo(node);
    ExecResult java = ChaosImages.run(List.of("docker", "run", "--rm", "--entrypoint", "java", node, "-version"),
        null, Duration.ofMinutes(1));
    assertThat(java.output()).contains("17.");
  }

  @Test
  void variantCarriesTheExtraJarInLib(@TempDir Path dir) {
    ChaosImages images = ChaosImages.locate();
    Path jar = ChaosImages.jarOf(dir.resolve("synod-plant-stale-reads.jar"), ServeLinearizableReadsLocally.class);
    String variant = images.withExtraJar(jar);
    assertThat(variant).matches(ChaosImages.VARIANT_REPOSITORY + ":[0-9a-f]{12}");
    assertThat(images.withExtraJar(jar)).isEqualTo(variant);
    ExecResult ls = ChaosImages.run(List.of("docker", "run", "--rm", "--entrypoint", "ls", variant,
        "-l", "/opt/synod/lib/synod-plant-stale-reads.jar"), null, Duration.ofMinutes(1));
    assertThat(ls.ok()).as(ls.output()).isTrue();
    ExecResult plain = ChaosImages.run(List.of("docker", "run", "--rm", "--entrypoint", "ls", images.nodeImage(),
        "/opt/synod/lib/synod-plant-stale-reads.jar"), null, Duration.ofMinutes(1));
    assertThat(plain.ok()).as("the normal node image has no planted jar").isFalse();
  }
}
