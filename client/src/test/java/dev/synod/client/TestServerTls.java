package dev.synod.client;

import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.PeerPolicy;
import dev.synod.security.tls.PeerTrustManager;
import dev.synod.security.tls.TlsCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.util.List;

/** gRPC server TLS for {@link FakeNode}, on top of the shared {@link TestPki}. */
public final class TestServerTls {
  private TestServerTls() {}

  /** A server presenting {@code identity}; client certificates of {@code pki}'s cluster are optional. */
  public static ServerCredentials presenting(TestPki pki, CertificateMaterial identity) {
    PeerPolicy anyRole = PeerPolicy.anyRole(pki.clusterId());
    TlsCredentials own = pki.peerCredentials(identity, anyRole);
    return TlsServerCredentials.newBuilder().keyManager(own.keyManager().orElseThrow())
        .trustManager(PeerTrustManager.create(List.of(pki.caCertificate()), anyRole))
        .clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL).build();
  }
}
