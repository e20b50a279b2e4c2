package dev.synod.security.tls;

import static dev.synod.security.tls.LoopbackTlsServer.connect;
import static dev.synod.security.tls.LoopbackTlsServer.echo;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.testing.LogCapture;
import dev.synod.security.testing.TestPki;
import java.io.IOException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLHandshakeException;
import javax.net.ssl.SSLSocket;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Real handshakes over loopback with plain JDK sockets, mutual TLS required. */
class TlsHandshakeTest {
  private static final TestPki PROD = TestPki.create("prod");
  private static final TestPki OTHER = TestPki.create("prod");
  private static final List<X509Certificate> TRUST_PROD = List.of(PROD.caCertificate());

  private final CertificateMaterial serverIdentity = PROD.issue(Role.SERVER, "n1");
  private final LogCapture logs = LogCapture.of(PeerTrustManager.class);
  private LoopbackTlsServer server;

  @BeforeEach
  void startServer() throws IOException {
    server = new LoopbackTlsServer(TlsCredentials.fromMaterial(serverIdentity, TRUST_PROD, PeerPolicy.anyRole("prod")));
  }

  @AfterEach
  void stop() throws IOException {
    server.close();
    logs.close();
  }

  @Test
  void mutualHandshakeSucceedsWithClusterCertificates() throws Exception {
    CertificateMaterial clientIdentity = PROD.issue(Role.CLIENT, "c1");
    try (SSLSocket socket = connect(TlsCredentials.fromMaterial(clientIdentity, TRUST_PROD, PeerPolicy.servers("prod")), server.port())) {
      assertThat(echo(socket, 42)).isEqualTo(42);
      assertThat(LoopbackTlsServer.serverCertificate(socket)).isEqualTo(serverIdentity.certificate());
    }
    X509Certificate seenByServer = server.clientCertificates.poll(10, TimeUnit.SECONDS);
    assertThat(SpiffeId.fromCertificate(seenByServer)).contains(new SpiffeId("prod", Role.CLIENT, "c1"));
    assertThat(logs.warnings()).isEmpty();
  }

  @Test
  void serverRejectsAClientCertificateOfAnotherCa() throws Exception {
    CertificateMaterial foreign = OTHER.issue(Role.CLIENT, "c1");
    TlsCredentials client = TlsCredentials.fromMaterial(foreign, TRUST_PROD, PeerPolicy.servers("prod"));
    // With TLS 1.3 the client may finish its side before the server has judged its certificate.
    assertThatThrownBy(() -> {
      try (SSLSocket socket = connect(client, server.port())) {
        echo(socket, 1);
      }
    }).isInstanceOf(IOException.class);

    IOException failure = server.handshakeFailures.poll(10, TimeUnit.SECONDS);
    assertThat(failure).isInstanceOf(SSLHandshakeException.class).hasMessageContaining("is not signed by a trusted CA");
    assertThat(logs.warnings()).singleElement().asString()
        .startsWith("TLS peer rejected (127.0.0.1:")
        .contains("CN=c1,O=prod", "is not signed by a trusted CA (trusted: CN=Synod CA prod,O=prod)");
  }

  @Test
  void serverRejectsAClientWithoutCertificate() throws Exception {
    TlsCredentials anonymous = TlsCredentials.fromMaterial(null, TRUST_PROD, PeerPolicy.servers("prod"));
    assertThat(anonymous.keyManager()).isEmpty();
    assertThatThrownBy(() -> {
      try (SSLSocket socket = connect(anonymous, server.port())) {
        echo(socket, 1);
      }
    }).isInstanceOf(IOException.class);
    assertThat(server.handshakeFailures.poll(10, TimeUnit.SECONDS)).isInstanceOf(SSLHandshakeException.class);
    assertThat(server.clientCertificates).isEmpty();
  }

  @Test
  void clientRejectsAServerWithTheWrongRole() throws Exception {
    server.close();
    CertificateMaterial impostor = PROD.issue(Role.CLIENT, "n1");
    server = new LoopbackTlsServer(TlsCredentials.fromMaterial(impostor, TRUST_PROD, PeerPolicy.anyRole("prod")));
    CertificateMaterial clientIdentity = PROD.issue(Role.CLIENT, "c1");
    TlsCredentials client = TlsCredentials.fromMaterial(clientIdentity, TRUST_PROD, PeerPolicy.servers("prod"));

    assertThatThrownBy(() -> connect(client, server.port()).close())
        .isInstanceOf(SSLHandshakeException.class)
        .hasMessageContaining("SPIFFE id spiffe://prod/client/n1 has role client (allowed: server)");
    assertThat(logs.warnings()).singleElement().asString()
        .isEqualTo("TLS peer rejected (127.0.0.1:" + server.port() + "): SPIFFE id spiffe://prod/client/n1 has role client (allowed: server)");
  }
}
