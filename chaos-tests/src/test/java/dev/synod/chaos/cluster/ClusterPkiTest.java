package dev.synod.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.Test;

/** The throwaway PKI of a cluster run, without Docker. */
class ClusterPkiTest {
  private final NodeTable nodes = new NodeTable(new ClusterSpec("img", 3, "10.78.4.0/24", "pki-test", "", false, 1,
      3, List.of(), Map.of()), "10.78.4.");

  @Test
  void issuesAServerIdentityPerNodeSignedByTheRunsCa() throws Exception {
    try (ClusterPki pki = new ClusterPki(nodes)) {
      pki.issue();
      Path dir = pki.directory();
      X509Certificate ca = Pem.readCertificates("ca", dir.resolve("ca.pem")).get(0);
      Pem.readMaterial("ca", dir.resolve("ca.pem"), "ca key", dir.resolve("ca-key.pem"));
      for (String node : nodes.ids()) {
        CertificateMaterial m = Pem.readMaterial("cert", dir.resolve(node + ".pem"), "key",
            dir.resolve(node + "-key.pem"));
        m.certificate().verify(ca.getPublicKey());
        assertThat(SpiffeId.fromCertificate(m.certificate()))
            .contains(new SpiffeId(DockerCluster.CLUSTER_ID, Role.SERVER, node));
        List<String> sans = m.certificate().getSubjectAlternativeNames().stream()
            .map(san -> String.valueOf(san.get(1))).toList();
        assertThat(sans).contains(nodes.info(node).ip, node);
      }
    }
  }

  @Test
  void certificatesToleratePastClocksOfTheClockNemesis() throws Exception {
    try (ClusterPki pki = new ClusterPki(nodes)) {
      pki.issue();
      for (String name : List.of("ca", "n1")) {
        X509Certificate cert = Pem.readCertificates(name, pki.directory().resolve(name + ".pem")).get(0);
        assertThat(cert.getNotBefore().toInstant()).isBefore(Instant.now().minus(Duration.ofHours(12)));
        assertThat(cert.getNotAfter().toInstant()).isAfter(Instant.now().plus(Duration.ofDays(7)));
      }
    }
  }

  @Test
  void theAgentInTheContainerCanReadTheFiles() throws Exception {
    try (ClusterPki pki = new ClusterPki(nodes)) {
      pki.issue();
      Path dir = pki.directory();
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir))).isEqualTo("rwxr-xr-x");
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("n2-key.pem"))))
          .isEqualTo("rw-r--r--");
      Bind bind = pki.bind();
      assertThat(bind.getPath()).isEqualTo(dir.toString());
      assertThat(bind.getVolume().getPath()).isEqualTo(ClusterPki.MOUNT);
      assertThat(bind.getAccessMode()).isEqualTo(AccessMode.ro);
      assertThat(pki.agentArgs("n2")).containsExactly(
          "--tls-ca-file", "/etc/synod/pki/ca.pem", "--tls-ca-key-file", "/etc/synod/pki/ca-key.pem",
          "--tls-cert-file", "/etc/synod/pki/n2.pem", "--tls-key-file", "/etc/synod/pki/n2-key.pem");
    }
  }

  @Test
  void closeDeletesTheDirectory() {
    ClusterPki pki = new ClusterPki(nodes);
    pki.issue();
    Path dir = pki.directory();
    pki.close();
    assertThat(dir).doesNotExist();
    pki.close();
    assertThatThrownBy(pki::directory).hasMessageContaining("not started");
    assertThatThrownBy(() -> pki.clientBuilder(List.of("10.78.4.11:7400"))).hasMessageContaining("not started");
  }

  @Test
  void clientsNeedAStartedCluster() {
    DockerCluster cluster = DockerCluster.builder("img").build();
    assertThatThrownBy(() -> cluster.clientBuilder(cluster.apiEndpoints())).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("not started");
  }
}
