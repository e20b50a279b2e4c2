package dev.synod.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.TlsCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.Status;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.security.KeyStore;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Collection;
import java.util.List;
import javax.net.ssl.TrustManagerFactory;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/**
 * Real TLS over loopback with Synod-style certificates, which name no host or IP: the client must
 * authenticate the server by its SPIFFE id alone. grpc-java 1.83.1 sets HTTPS endpoint
 * identification on every client engine; these calls succeeding shows that the check is left to
 * our trust manager, which skips it.
 */
class TlsTransportTest {
  private static final String TOKEN = "synod_" + "a".repeat(43);

  private final TestPki pki = TestPki.create("test");
  private FakeNode node;
  private TlsCredentials credentials;

  @AfterEach
  void stop() {
    if (node != null) {
      node.close();
    }
    if (credentials != null) {
      credentials.close();
    }
  }

  private SynodClient.Builder client(TlsCredentials tls) {
    credentials = tls;
    return SynodClient.builder().endpoints(node.address).deadline(Duration.ofSeconds(5)).maxRetries(0).tls(tls);
  }

  @Test
  void callToA127001ServerWhoseCertificateHasNoIpOrDnsSansSucceeds() throws Exception {
    CertificateMaterial server = pki.issue(Role.SERVER, "node-1");
    Collection<List<?>> sans = server.certificate().getSubjectAlternativeNames();
    List<Object> sanTypes = sans.stream().map(san -> (Object) san.get(0)).toList();
    assertThat(sanTypes).containsOnly(6); // URI only: no DNS (2), no IP (7)
    node = FakeNode.tls(TestServerTls.presenting(pki, server));
    assertThat(node.address).startsWith("127.0.0.1:");

    try (SynodClient client = client(pki.clientCredentials(null)).token(TOKEN).build()) {
      assertThat(client.status().getServing()).isTrue();
    }

    FakeNode.Received status = node.received("Status").get(0);
    assertThat(status.tls()).as("the call went over TLS").isNotNull();
    assertThat(status.headers().get(BearerToken.AUTHORIZATION)).isEqualTo("Bearer " + TOKEN);
  }

  @Test
  void theJdksStandardTrustManagerWouldRefuseThatServerOnItsHostName() throws Exception {
    node = FakeNode.tls(TestServerTls.presenting(pki, pki.issue(Role.SERVER, "node-1")));
    KeyStore trusted = KeyStore.getInstance(KeyStore.getDefaultType());
    trusted.load(null, null);
    trusted.setCertificateEntry("ca", pki.caCertificate());
    TrustManagerFactory pkix = TrustManagerFactory.getInstance("PKIX");
    pkix.init(trusted);
    ChannelCredentials standard = TlsChannelCredentials.newBuilder().trustManager(pkix.getTrustManagers()).build();

    // Same CA, same server: only the host name check differs, so this proves grpc-java asks for one.
    try (SynodClient client = SynodClient.builder().endpoints(node.address).maxRetries(0)
        .channelFactory(target -> NettyChannelBuilder.forTarget(target, standard).build()).build()) {
      assertThatThrownBy(client::status).isInstanceOf(SynodException.class)
          .hasStackTraceContaining("No subject alternative names matching IP address 127.0.0.1 found");
    }
  }

  @Test
  void serverWithANonServerRoleIsRefused() throws Exception {
    node = FakeNode.tls(TestServerTls.presenting(pki, pki.issue(Role.CLIENT, "impostor")));

    try (SynodClient client = client(pki.clientCredentials(null)).build()) {
      assertThatThrownBy(client::status).isInstanceOf(SynodException.class)
          .satisfies(e -> assertThat(((SynodException) e).code()).isEqualTo(Status.Code.UNAVAILABLE));
    }
    assertThat(node.received("Status")).isEmpty();
  }

  @Test
  void serverOfAnotherCaIsRefused() throws Exception {
    TestPki other = TestPki.create("test");
    node = FakeNode.tls(TestServerTls.presenting(other, other.issue(Role.SERVER, "node-1")));

    try (SynodClient client = client(pki.clientCredentials(null)).build()) {
      assertThatThrownBy(client::status).isInstanceOf(SynodException.class);
    }
    assertThat(node.received("Status")).isEmpty();
  }

  @Test
  void clientPresentsItsCertificateIncludingOneSetAfterTheClientWasBuilt() throws Exception {
    node = FakeNode.tls(TestServerTls.presenting(pki, pki.issue(Role.SERVER, "node-1")));
    TlsCredentials tls = pki.clientCredentials(null);

    try (SynodClient client = client(tls).build()) {
      tls.updateIdentity(pki.issue(Role.WORKER, "w-1"));
      client.status();
    }

    X509Certificate presented = (X509Certificate) node.received("Status").get(0).tls().getPeerCertificates()[0];
    assertThat(SpiffeId.fromCertificate(presented)).contains(new SpiffeId("test", Role.WORKER, "w-1"));
  }

  @Test
  void tokenIsWithheldFromAnUnencryptedCustomChannel() throws Exception {
    node = FakeNode.netty();
    try (SynodClient client = SynodClient.builder().endpoints(node.address).maxRetries(0).token(TOKEN)
        .channelFactory(target -> NettyChannelBuilder.forTarget(target).usePlaintext().build()).build()) {
      assertThatThrownBy(client::status).isInstanceOf(SynodException.class)
          .hasMessageContaining("UNAUTHENTICATED: bearer token withheld");
    }
    assertThat(node.received("Status")).isEmpty();
  }
}
