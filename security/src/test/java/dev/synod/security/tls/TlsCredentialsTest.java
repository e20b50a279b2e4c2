package dev.synod.security.tls;

import static dev.synod.security.tls.LoopbackTlsServer.connect;
import static dev.synod.security.tls.LoopbackTlsServer.echo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Pem;
import dev.synod.security.pki.PemException;
import dev.synod.security.testing.LogCapture;
import dev.synod.security.testing.TestPki;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.X509ExtendedKeyManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class TlsCredentialsTest {
  private static final TestPki PROD = TestPki.create("prod");
  private static final Duration RELOAD = Duration.ofMillis(100);
  private static final Duration PATIENCE = Duration.ofSeconds(5);

  @TempDir Path dir;
  private Path caFile;
  private Path certFile;
  private Path keyFile;
  private final CertificateMaterial first = PROD.issue(Role.SERVER, "n1");
  private final LogCapture logs = LogCapture.of(TlsCredentials.class);
  private TlsCredentials credentials;

  @BeforeEach
  void writeFiles() {
    caFile = dir.resolve("ca.pem");
    certFile = dir.resolve("cert.pem");
    keyFile = dir.resolve("key.pem");
    Pem.writeAtomically(caFile, Pem.encodeCertificates(PROD.caCertificate()), false);
    writeIdentity(first);
    credentials = TlsCredentials.fromFiles(caFile, certFile, keyFile, PeerPolicy.anyRole("prod"), RELOAD);
  }

  @AfterEach
  void close() {
    credentials.close();
    logs.close();
  }

  @Test
  void loadsTheFilesAtStart() {
    assertThat(credentials.certificate()).contains(first.certificate());
    assertThat(credentials.identity()).contains(new SpiffeId("prod", Role.SERVER, "n1"));
    assertThat(credentials.trustedCas()).containsExactly(PROD.caCertificate());
    assertThat(presented(credentials)).isEqualTo(first.certificate());
  }

  @Test
  void picksUpRewrittenFilesWithinAFewIntervals() {
    CertificateMaterial second = PROD.issue(Role.SERVER, "n1");
    writeIdentity(second);

    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> presented(credentials).equals(second.certificate()));
    assertThat(credentials.certificate()).contains(second.certificate());
    assertThat(logs.messages(ch.qos.logback.classic.Level.INFO)).anySatisfy(line -> assertThat(line)
        .contains("TLS identity reloaded from tls-cert-file \"" + certFile + "\"", "spiffe://prod/server/n1",
            "valid until " + second.certificate().getNotAfter().toInstant()));
  }

  @Test
  void garbageCertificateKeepsThePreviousIdentityAndWarns() {
    Pem.writeAtomically(certFile, "-----BEGIN CERTIFICATE-----\nhalf-writ", false);

    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> !logs.warnings().isEmpty());
    assertThat(logs.warnings().get(0))
        .startsWith("TLS reload of tls-cert-file \"" + certFile + "\" and tls-key-file \"" + keyFile + "\" failed, keeping the previous identity: ")
        .contains("tls-cert-file \"" + certFile + "\": malformed PEM");
    assertThat(credentials.certificate()).contains(first.certificate());
    assertThat(presented(credentials)).isEqualTo(first.certificate());
  }

  @Test
  void keyNotMatchingTheCertificateKeepsThePreviousIdentity() {
    CertificateMaterial second = PROD.issue(Role.SERVER, "n1");
    Pem.writeAtomically(certFile, Pem.encodeCertificates(second.certificate()), false);
    credentials.reloadNow();

    assertThat(logs.warnings()).anySatisfy(line -> assertThat(line).contains("private key does not match the certificate"));
    assertThat(presented(credentials)).isEqualTo(first.certificate());

    Pem.writeAtomically(keyFile, Pem.encodePrivateKey(second.privateKey()), true);
    credentials.reloadNow();
    assertThat(presented(credentials)).isEqualTo(second.certificate());
  }

  @Test
  void newHandshakesPresentTheRotatedCertificateWhileOpenConnectionsKeepWorking() throws Exception {
    CertificateMaterial clientIdentity = PROD.issue(Role.CLIENT, "c1");
    List<X509Certificate> trust = List.of(PROD.caCertificate());
    try (LoopbackTlsServer server = new LoopbackTlsServer(credentials);
        SSLSocket before = connect(TlsCredentials.fromMaterial(clientIdentity, trust, PeerPolicy.servers("prod")), server.port())) {
      assertThat(echo(before, 1)).isEqualTo(1);
      assertThat(LoopbackTlsServer.serverCertificate(before)).isEqualTo(first.certificate());

      CertificateMaterial second = PROD.issue(Role.SERVER, "n1");
      writeIdentity(second);
      await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> presented(credentials).equals(second.certificate()));

      // A fresh client context, so the handshake cannot resume the old session.
      try (SSLSocket after = connect(TlsCredentials.fromMaterial(clientIdentity, trust, PeerPolicy.servers("prod")), server.port())) {
        assertThat(LoopbackTlsServer.serverCertificate(after)).isEqualTo(second.certificate());
        assertThat(echo(after, 2)).isEqualTo(2);
      }
      assertThat(echo(before, 3)).isEqualTo(3);
      assertThat(LoopbackTlsServer.serverCertificate(before)).isEqualTo(first.certificate());
    }
  }

  @Test
  void rewrittenCaFileReplacesTheTrustedCas() {
    TestPki next = TestPki.create("prod");
    Pem.writeAtomically(caFile, Pem.encodeCertificates(PROD.caCertificate(), next.caCertificate()), false);
    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(20)).until(() -> credentials.trustedCas().size() == 2);
    assertThat(credentials.trustManager().getAcceptedIssuers()).containsExactly(PROD.caCertificate(), next.caCertificate());
  }

  @Test
  void badFilesAtStartNameTheirField() {
    Path missing = dir.resolve("nope.pem");
    assertThatThrownBy(() -> TlsCredentials.fromFiles(missing, certFile, keyFile, PeerPolicy.servers("prod"), RELOAD))
        .isInstanceOf(PemException.class)
        .hasMessage("tls-ca-file \"" + missing + "\": file does not exist");
    assertThatThrownBy(() -> TlsCredentials.fromFiles(caFile, missing, keyFile, PeerPolicy.servers("prod"), RELOAD))
        .hasMessage("tls-cert-file \"" + missing + "\": file does not exist");
    assertThatThrownBy(() -> TlsCredentials.fromFiles(caFile, certFile, missing, PeerPolicy.servers("prod"), RELOAD))
        .hasMessage("tls-key-file \"" + missing + "\": file does not exist");
    assertThatThrownBy(() -> TlsCredentials.fromFiles(caFile, certFile, null, PeerPolicy.servers("prod"), RELOAD))
        .hasMessage("tls-cert-file and tls-key-file: only tls-cert-file is set (expected: both or neither)");
    assertThatThrownBy(() -> TlsCredentials.fromFiles(caFile, certFile, keyFile, PeerPolicy.servers("prod"), Duration.ZERO))
        .hasMessage("reloadInterval: PT0S (expected: > 0)");
  }

  @Test
  void ambiguousSpiffeIdIsRefusedNamingTheCertificateFile() throws Exception {
    CertificateMaterial twoIds = PROD.issueWithUris("spiffe://prod/server/a", "spiffe://prod/server/b");
    Pem.writeAtomically(keyFile, Pem.encodePrivateKey(twoIds.privateKey()), true);
    Pem.writeAtomically(certFile, Pem.encodeCertificates(twoIds.certificate()), false);

    credentials.reloadNow();
    assertThat(logs.warnings()).anySatisfy(line -> assertThat(line)
        .contains("keeping the previous identity: tls-cert-file \"" + certFile + "\": certificate CN=handmade", "has 2 SPIFFE URI SANs"));
    assertThat(credentials.identity()).contains(new SpiffeId("prod", Role.SERVER, "n1"));
    assertThatThrownBy(() -> TlsCredentials.fromFiles(caFile, certFile, keyFile, PeerPolicy.servers("prod"), RELOAD))
        .isInstanceOf(PemException.class)
        .hasMessageStartingWith("tls-cert-file \"" + certFile + "\": certificate CN=handmade");
  }

  @Test
  void withoutIdentityThereIsNoKeyManager() {
    try (TlsCredentials trustOnly = TlsCredentials.fromFiles(caFile, null, null, PeerPolicy.servers("prod"), RELOAD)) {
      assertThat(trustOnly.keyManager()).isEmpty();
      assertThat(trustOnly.identity()).isEmpty();
      trustOnly.updateIdentity(first);
      assertThat(presented(trustOnly)).isEqualTo(first.certificate());
    }
  }

  @Test
  void materialCredentialsSwapOnlyExplicitly() {
    TlsCredentials fixed = TlsCredentials.fromMaterial(first, List.of(PROD.caCertificate()), PeerPolicy.servers("prod"));
    CertificateMaterial second = PROD.issue(Role.SERVER, "n1");
    fixed.updateIdentity(second);
    assertThat(presented(fixed)).isEqualTo(second.certificate());
    assertThatThrownBy(fixed::reloadNow).isInstanceOf(IllegalStateException.class);
    fixed.close();
  }

  /** What the key manager would present in a new handshake, as a server and as a client. */
  private static X509Certificate presented(TlsCredentials credentials) {
    X509ExtendedKeyManager keyManager = credentials.keyManager().orElseThrow();
    String serverAlias = keyManager.chooseEngineServerAlias("EC", null, null);
    String clientAlias = keyManager.chooseClientAlias(new String[] {"EC"}, null, null);
    assertThat(keyManager.getPrivateKey(serverAlias)).isNotNull();
    X509Certificate asServer = keyManager.getCertificateChain(serverAlias)[0];
    assertThat(keyManager.getCertificateChain(clientAlias)[0]).isEqualTo(asServer);
    return asServer;
  }

  private void writeIdentity(CertificateMaterial material) {
    // Key first: a reload between the two writes sees a mismatch and keeps the old identity.
    Pem.writeAtomically(keyFile, Pem.encodePrivateKey(material.privateKey()), true);
    Pem.writeAtomically(certFile, Pem.encodeCertificates(material.certificate()), false);
  }
}
