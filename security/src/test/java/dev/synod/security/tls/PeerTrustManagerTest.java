package dev.synod.security.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.testing.LogCapture;
import dev.synod.security.testing.TestPki;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.EnumSet;
import java.util.List;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.SSLParameters;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

class PeerTrustManagerTest {
  private static final TestPki PROD = TestPki.create("prod");
  private static final TestPki OTHER = TestPki.create("prod");
  private static final X509Certificate SERVER = PROD.issue(Role.SERVER, "n1").certificate();

  private final PeerTrustManager servers = PeerTrustManager.create(List.of(PROD.caCertificate()), PeerPolicy.servers("prod"));
  private final LogCapture logs = LogCapture.of(PeerTrustManager.class);

  @AfterEach
  void detach() {
    logs.close();
  }

  @Test
  void acceptsAServerOfTheClusterOnBothSides() throws Exception {
    servers.checkServerTrusted(new X509Certificate[] {SERVER}, "ECDHE_ECDSA");
    servers.checkClientTrusted(new X509Certificate[] {SERVER, PROD.caCertificate()}, "EC");
    assertThat(servers.getAcceptedIssuers()).containsExactly(PROD.caCertificate());
    assertThat(logs.warnings()).isEmpty();
  }

  @Test
  void rejectsACertificateOfAnotherCa() {
    X509Certificate foreign = OTHER.issue(Role.SERVER, "n1").certificate();
    assertRejected(foreign, "certificate CN=n1,O=prod (serial " + foreign.getSerialNumber().toString(16)
        + ") issued by CN=Synod CA prod,O=prod is not signed by a trusted CA (trusted: CN=Synod CA prod,O=prod)");
  }

  @Test
  void rejectsAnExpiredCertificateSayingWhen() {
    Clock lastWeek = Clock.fixed(Instant.now().minus(Duration.ofDays(7)), ZoneOffset.UTC);
    X509Certificate expired = PROD.issue(Role.SERVER, "old", Duration.ofHours(1), lastWeek)
        .certificate();
    String reason = assertRejected(expired, "expired at " + expired.getNotAfter().toInstant());
    assertThat(reason).startsWith("certificate CN=old,O=prod (serial ");
  }

  @Test
  void rejectsAWrongRole() {
    assertRejected(PROD.issue(Role.CLIENT, "c1").certificate(),
        "SPIFFE id spiffe://prod/client/c1 has role client (allowed: server)");
    PeerTrustManager workersAndEdges = PeerTrustManager.create(List.of(PROD.caCertificate()), PeerPolicy.roles("prod", EnumSet.of(Role.EDGE, Role.WORKER)));
    assertThatThrownBy(() -> workersAndEdges.checkClientTrusted(new X509Certificate[] {SERVER}, "EC"))
        .hasMessage("SPIFFE id spiffe://prod/server/n1 has role server (allowed: worker, edge)");
  }

  @Test
  void rejectsAnotherCluster() {
    assertRejected(PROD.issueFor("staging", Role.SERVER, "n1").certificate(),
        "SPIFFE id spiffe://staging/server/n1 belongs to cluster \"staging\" (expected: cluster \"prod\")");
  }

  @Test
  void rejectsACertificateWithoutSpiffeId() throws Exception {
    X509Certificate anonymous = PROD.issueWithUris().certificate();
    assertRejected(anonymous, "certificate CN=handmade (serial " + anonymous.getSerialNumber().toString(16)
        + ") has no SPIFFE id (expected: a URI SAN spiffe://prod/<role>/<name>)");
  }

  @Test
  void anyRoleAdmitsEveryRoleOfTheCluster() throws Exception {
    PeerTrustManager any = PeerTrustManager.create(List.of(PROD.caCertificate()), PeerPolicy.anyRole("prod"));
    for (Role role : Role.values()) {
      any.checkClientTrusted(new X509Certificate[] {PROD.issue(role, "x").certificate()}, "EC");
    }
  }

  @Test
  void trustedCasCanBeReplaced() throws Exception {
    X509Certificate otherServer = OTHER.issue(Role.SERVER, "n2").certificate();
    servers.updateTrusted(List.of(OTHER.caCertificate()));
    servers.checkServerTrusted(new X509Certificate[] {otherServer}, "EC");
    assertThat(servers.getAcceptedIssuers()).containsExactly(OTHER.caCertificate());
    assertThatThrownBy(() -> servers.checkServerTrusted(new X509Certificate[] {SERVER}, "EC")).hasMessageContaining("not signed by a trusted CA");
    assertThatThrownBy(() -> servers.updateTrusted(List.of())).hasMessage("trustedCas: none (expected: at least one CA certificate)");
  }

  @Test
  void namesThePeerOfAnEngineAndIgnoresItsHostNameCheck() throws Exception {
    SSLEngine engine = SSLContext.getDefault().createSSLEngine("10.1.2.3", 7000);
    SSLParameters parameters = engine.getSSLParameters();
    parameters.setEndpointIdentificationAlgorithm("HTTPS");
    engine.setSSLParameters(parameters);

    // SERVER has no SAN for 10.1.2.3: accepted all the same, the SPIFFE id is what counts.
    servers.checkServerTrusted(new X509Certificate[] {SERVER}, "EC", engine);

    X509Certificate client = PROD.issue(Role.CLIENT, "c1").certificate();
    assertThatThrownBy(() -> servers.checkServerTrusted(new X509Certificate[] {client}, "EC", engine))
        .isInstanceOf(CertificateException.class);
    assertThat(logs.warnings()).containsExactly(
        "TLS peer rejected (10.1.2.3:7000): SPIFFE id spiffe://prod/client/c1 has role client (allowed: server)");
  }

  @Test
  void rejectsAnEmptyChain() {
    assertThatThrownBy(() -> servers.checkClientTrusted(new X509Certificate[0], "EC")).hasMessage("no certificate presented");
    assertThat(logs.warnings()).containsExactly("TLS peer rejected (unknown peer): no certificate presented");
  }

  /** Rejected on both sides with a reason containing {@code expected}, each rejection logged with its reason. */
  private String assertRejected(X509Certificate leaf, String expected) {
    String asServer = rejection(() -> servers.checkServerTrusted(new X509Certificate[] {leaf}, "ECDHE_ECDSA"));
    String asClient = rejection(() -> servers.checkClientTrusted(new X509Certificate[] {leaf}, "EC"));
    assertThat(asServer).contains(expected);
    assertThat(asClient).contains(expected);
    assertThat(logs.warnings()).containsExactly("TLS peer rejected (unknown peer): " + asServer, "TLS peer rejected (unknown peer): " + asClient);
    return asServer;
  }

  private interface Check {
    void run() throws CertificateException;
  }

  private static String rejection(Check check) {
    try {
      check.run();
    } catch (CertificateException e) {
      return e.getMessage();
    }
    throw new AssertionError("expected a CertificateException");
  }
}
