package dev.synod.node.process;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.jar.JarFile;
import java.util.stream.Stream;
import org.junit.jupiter.api.Test;

/** What the built distribution contains, and what it must never contain. */
class DistributionIT {
  private final Path dist = Path.of(System.getProperty("synod.dist", "target/synod"));

  @Test
  void launcherIsExecutableAndEveryModuleIsShipped() throws Exception {
    assertThat(Files.isExecutable(dist.resolve("bin/synod"))).isTrue();
    try (Stream<Path> jars = Files.list(dist.resolve("lib"))) {
      assertThat(jars.map(p -> p.getFileName().toString()).toList())
          .anyMatch(n -> n.startsWith("synod-node-")).anyMatch(n -> n.startsWith("synod-registry-"))
          .anyMatch(n -> n.startsWith("synod-consensus-")).anyMatch(n -> n.startsWith("synod-membership-"))
          .anyMatch(n -> n.startsWith("synod-client-"));
    }
  }

  /** The chaos suite's planted stale-read bug switches on only with a marker class the dist must not ship. */
  @Test
  void distributionShipsNoPlantedBugMarker() throws Exception {
    List<String> offenders = new ArrayList<>();
    try (Stream<Path> jars = Files.list(dist.resolve("lib"))) {
      for (Path jar : jars.toList()) {
        try (JarFile f = new JarFile(jar.toFile())) {
          f.stream().filter(e -> e.getName().startsWith("dev/synod/plant/"))
              .forEach(e -> offenders.add(jar.getFileName() + "!" + e.getName()));
        }
      }
    }
    assertThat(offenders).isEmpty();
  }
}
