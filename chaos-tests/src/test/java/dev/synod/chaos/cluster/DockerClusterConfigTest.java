package dev.synod.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.jar.JarFile;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Layout and validation of a cluster, without Docker. */
class DockerClusterConfigTest {

  @Test
  void nodesGetFixedAddressesOnTheSubnet() {
    DockerCluster c = DockerCluster.builder("synod/node:latest").nodes(7).subnet("10.78.3.0/24").name("t1").build();
    assertThat(c.nodes()).containsExactly("n1", "n2", "n3", "n4", "n5", "n6", "n7");
    assertThat(c.ip("n1")).isEqualTo("10.78.3.11");
    assertThat(c.ip("n7")).isEqualTo("10.78.3.17");
    assertThat(c.gatewayIp()).isEqualTo("10.78.3.1");
    assertThat(c.apiEndpoint("n2")).isEqualTo("10.78.3.12:7400");
    assertThat(c.apiEndpoints()).hasSize(7).first().isEqualTo("10.78.3.11:7400");
    assertThat(c.gossipAddresses()).contains("10.78.3.15:7402");
    assertThat(c.nodeAt("10.78.3.13")).contains("n3");
    assertThat(c.nodeAt("10.78.3.1")).isEmpty();
    assertThat(c.containerName("n3")).isEqualTo("t1-n3");
    assertThat(c.volumeName("n3")).isEqualTo("t1-n3-data");
    assertThat(c.networkName()).isEqualTo("t1-net");
  }

  @Test
  void defaultsAreFiveNodesOnTheChaosSubnetWithFaketime() {
    DockerCluster c = DockerCluster.builder("img").build();
    assertThat(c.size()).isEqualTo(5);
    assertThat(c.subnet()).isEqualTo("10.77.0.0/24");
    assertThat(c.faketimeEnabled()).isTrue();
    assertThat(DockerCluster.faketimeLibrary()).endsWith("/faketime/libfaketime.so.1");
  }

  @Test
  void badSettingsAreRejectedWithTheirName() {
    assertThatThrownBy(() -> DockerCluster.builder("img").nodes(2)).hasMessageContaining("nodes: 2 (expected: 3..7)");
    assertThatThrownBy(() -> DockerCluster.builder("img").nodes(8)).hasMessageContaining("nodes: 8");
    assertThatThrownBy(() -> DockerCluster.builder("img").subnet("10.0.0.0/16")).hasMessageContaining("subnet");
    assertThatThrownBy(() -> DockerCluster.builder("img").name("Bad Name")).hasMessageContaining("name");
    assertThatThrownBy(() -> DockerCluster.builder(" ")).hasMessageContaining("image");
    assertThatThrownBy(() -> DockerCluster.builder("img").faketimeCacheSeconds(-1))
        .hasMessageContaining("faketimeCacheSeconds");
    assertThatThrownBy(() -> DockerCluster.builder("img").build().ip("n9")).hasMessageContaining("n9");
  }

  @Test
  void clockOffsetsAreValidatedBeforeAnythingRuns() {
    DockerCluster c = DockerCluster.builder("img").build();
    assertThatThrownBy(() -> c.setClockOffset("n1", "30")).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("offset: 30");
    assertThatThrownBy(() -> c.setClockOffset("n1", "+1w")).isInstanceOf(IllegalArgumentException.class);
    DockerCluster plain = DockerCluster.builder("img").faketime(false).build();
    assertThatThrownBy(() -> plain.setClockOffset("n1", "+5")).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("faketime");
  }

  @Test
  void jarOfWritesTheClassesReproducibly(@TempDir Path dir) throws Exception {
    Path a = ChaosImages.jarOf(dir.resolve("a.jar"), dev.synod.plant.ServeLinearizableReadsLocally.class);
    Path b = ChaosImages.jarOf(dir.resolve("b.jar"), dev.synod.plant.ServeLinearizableReadsLocally.class);
    assertThat(Files.readAllBytes(a)).isEqualTo(Files.readAllBytes(b));
    try (JarFile jar = new JarFile(a.toFile())) {
      assertThat(jar.getEntry("dev/synod/plant/ServeLinearizableReadsLocally.class")).isNotNull();
    }
  }

  @Test
  void locateFindsTheCheckout() {
    ChaosImages images = ChaosImages.locate();
    assertThat(images.projectRoot().resolve("deploy/base-image.sh")).exists();
    assertThat(images.distributionTarball()).hasFileName("synod.tar.gz");
  }
}
