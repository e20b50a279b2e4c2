package dev.synod.node.bootstrap;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class DataDirectoryTest {
  @TempDir Path tmp;

  @Test
  void freshDirectoryIsStampedAndReopenedByTheSameNode() throws Exception {
    Path dir = tmp.resolve("data");
    try (DataDirectory d = DataDirectory.open(dir, "prod", "n1")) {
      assertThat(d.fresh()).isTrue();
    }
    try (DataDirectory d = DataDirectory.open(dir, "prod", "n1")) {
      assertThat(d.fresh()).isFalse();
      assertThat(d.raftDir()).isEqualTo(dir.resolve("raft"));
    }
  }

  @Test
  void directoryOfAnotherClusterIsRefusedNamingBothIds() throws Exception {
    Path dir = tmp.resolve("data");
    DataDirectory.open(dir, "prod", "n1").close();
    assertThatThrownBy(() -> DataDirectory.open(dir, "staging", "n1"))
        .isInstanceOf(DataDirectoryException.class)
        .hasMessageContaining("belongs to cluster 'prod'")
        .hasMessageContaining("cluster-id 'staging'");
  }

  @Test
  void directoryOfAnotherNodeIsRefused() throws Exception {
    Path dir = tmp.resolve("data");
    DataDirectory.open(dir, "prod", "n1").close();
    assertThatThrownBy(() -> DataDirectory.open(dir, "prod", "n2"))
        .isInstanceOf(DataDirectoryException.class)
        .hasMessageContaining("belongs to node 'n1'");
  }

  @Test
  void nonEmptyDirectoryWithoutIdentityIsRefused() throws Exception {
    Path dir = tmp.resolve("data");
    Files.createDirectories(dir.resolve("raft"));
    assertThatThrownBy(() -> DataDirectory.open(dir, "prod", "n1"))
        .isInstanceOf(DataDirectoryException.class)
        .hasMessageContaining("is not empty")
        .hasMessageContaining("[raft]");
    assertThat(dir.resolve(DataDirectory.IDENTITY_FILE)).doesNotExist();
  }

  @Test
  void secondAgentOnTheSameDirectoryIsRefused() throws Exception {
    Path dir = tmp.resolve("data");
    try (DataDirectory first = DataDirectory.open(dir, "prod", "n1")) {
      assertThatThrownBy(() -> DataDirectory.open(dir, "prod", "n1"))
          .isInstanceOf(Exception.class)
          .hasMessageContaining("lock");
    }
  }

  @Test
  void damagedIdentityFileIsReported() throws Exception {
    Path dir = tmp.resolve("data");
    DataDirectory.open(dir, "prod", "n1").close();
    Files.writeString(dir.resolve(DataDirectory.IDENTITY_FILE), "garbage\n");
    assertThatThrownBy(() -> DataDirectory.open(dir, "prod", "n1"))
        .isInstanceOf(DataDirectoryException.class)
        .hasMessageContaining("damaged");
  }
}
