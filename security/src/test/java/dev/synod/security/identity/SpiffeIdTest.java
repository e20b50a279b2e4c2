package dev.synod.security.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.security.testing.TestPki;
import java.net.URI;
import java.security.cert.CertificateException;
import org.junit.jupiter.api.Test;

class SpiffeIdTest {
  private static final TestPki PKI = TestPki.create("prod");

  @Test
  void formatsAndParsesBack() {
    SpiffeId id = new SpiffeId("prod-1", Role.FILE_SERVER, "fs_0.eu");
    assertThat(id).hasToString("spiffe://prod-1/file-server/fs_0.eu");
    assertThat(id.uri()).isEqualTo(URI.create("spiffe://prod-1/file-server/fs_0.eu"));
    assertThat(SpiffeId.parse(id.toString())).isEqualTo(id);
  }

  @Test
  void constructorNamesFieldValueAndPattern() {
    assertThatThrownBy(() -> new SpiffeId("Prod", Role.SERVER, "n1"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("clusterId: \"Prod\" (expected: [a-z0-9][a-z0-9-_.]{0,62})");
    assertThatThrownBy(() -> new SpiffeId("prod", Role.SERVER, "-n1")).hasMessage("name: \"-n1\" (expected: [a-z0-9][a-z0-9-_.]{0,62})");
    assertThatThrownBy(() -> new SpiffeId("prod", Role.SERVER, "n".repeat(64))).hasMessageStartingWith("name: \"nnnn");
    assertThatThrownBy(() -> new SpiffeId("prod", null, "n1")).hasMessage("role: null (expected: a role)");
    assertThat(new SpiffeId("prod", Role.SERVER, "n".repeat(63)).name()).hasSize(63);
  }

  @Test
  void parseRejectsOtherShapesWithTheExpectedForm() {
    for (String bad : new String[] {"http://prod/server/n1", "spiffe://prod/server", "spiffe://prod/server/n1/x", "spiffe://prod//n1"}) {
      assertThatThrownBy(() -> SpiffeId.parse(bad)).as(bad).isInstanceOf(IllegalArgumentException.class).hasMessageContaining(bad);
    }
    assertThatThrownBy(() -> SpiffeId.parse("http://prod/server/n1"))
        .hasMessage("spiffe id: \"http://prod/server/n1\" (expected: spiffe://<cluster>/<role>/<name>)");
    assertThatThrownBy(() -> SpiffeId.parse("spiffe://prod/wrkr/n1"))
        .hasMessageStartingWith("spiffe id \"spiffe://prod/wrkr/n1\": role: \"wrkr\" (expected: one of server,");
    assertThatThrownBy(() -> SpiffeId.parse("spiffe://PROD/server/n1"))
        .hasMessage("spiffe id \"spiffe://PROD/server/n1\": clusterId: \"PROD\" (expected: [a-z0-9][a-z0-9-_.]{0,62})");
    assertThatThrownBy(() -> SpiffeId.parse(null)).hasMessageStartingWith("spiffe id: null");
  }

  @Test
  void fromCertificateReadsTheSingleSpiffeUri() throws Exception {
    assertThat(SpiffeId.fromCertificate(PKI.issue(Role.WORKER, "w1").certificate()))
        .contains(new SpiffeId("prod", Role.WORKER, "w1"));
    assertThat(SpiffeId.fromCertificate(PKI.issueWithUris().certificate())).isEmpty();
    assertThat(SpiffeId.fromCertificate(PKI.issueWithUris("https://example.com/x").certificate())).isEmpty();
  }

  @Test
  void fromCertificateRejectsAmbiguousOrMalformedIds() throws Exception {
    var two = PKI.issueWithUris("spiffe://prod/server/a", "spiffe://prod/admin/b").certificate();
    assertThatThrownBy(() -> SpiffeId.fromCertificate(two))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("CN=handmade")
        .hasMessageContaining("has 2 SPIFFE URI SANs [spiffe://prod/server/a, spiffe://prod/admin/b] (expected: exactly one)");
    var malformed = PKI.issueWithUris("spiffe://prod/server").certificate();
    assertThatThrownBy(() -> SpiffeId.fromCertificate(malformed))
        .isInstanceOf(CertificateException.class)
        .hasMessageContaining("has a malformed SPIFFE id: spiffe id: \"spiffe://prod/server\"");
  }
}
