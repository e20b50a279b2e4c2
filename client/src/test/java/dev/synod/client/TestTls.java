package dev.synod.client;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.LeafSpec;
import dev.synod.security.pki.Pem;
import dev.synod.security.tls.PeerPolicy;
import dev.synod.security.tls.PeerTrustManager;
import dev.synod.security.tls.TlsCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * A throwaway cluster CA for TLS tests. Leaves carry only their SPIFFE id: no DNS or IP SANs, as
 * Synod issues them, so a client that checked host names would refuse every one.
 */
public final class TestTls {
  public final String clusterId;
  public final CertificateAuthority ca;

  public TestTls(String clusterId) {
    this.clusterId = clusterId;
    this.ca = CertificateAuthority.create(clusterId, Duration.ofDays(1), KeyType.EC_P256, Clock.systemUTC());
  }

  public CertificateMaterial issue(Role role, String name) {
    return ca.issue(LeafSpec.of(new SpiffeId(clusterId, role, name), Duration.ofHours(1)), KeyType.EC_P256,
        Clock.systemUTC());
  }

  /** What a client needs: trust in this CA's servers, and optionally an identity of its own. */
  public TlsCredentials clientCredentials(CertificateMaterial identityOrNull) {
    return TlsCredentials.fromMaterial(identityOrNull, List.of(ca.certificate()), PeerPolicy.servers(clusterId));
  }

  /** A server presenting {@code identity}; client certificates of this cluster are optional. */
  public ServerCredentials serverCredentials(CertificateMaterial identity) {
    TlsCredentials own = TlsCredentials.fromMaterial(identity, List.of(ca.certificate()), PeerPolicy.anyRole(clusterId));
    return TlsServerCredentials.newBuilder().keyManager(own.keyManager().orElseThrow())
        .trustManager(PeerTrustManager.create(List.of(ca.certificate()), PeerPolicy.anyRole(clusterId)))
        .clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL).build();
  }

  public Path writeCa(Path file) {
    Pem.writeAtomically(file, Pem.encodeCertificates(ca.certificate()), false);
    return file;
  }

  /** Writes {@code <base>.pem} and {@code <base>-key.pem} into {@code dir}; returns the certificate path. */
  public static Path write(Path dir, String base, CertificateMaterial material) {
    Pem.writeAtomically(dir.resolve(base + "-key.pem"), Pem.encodePrivateKey(material.privateKey()), true);
    Path cert = dir.resolve(base + ".pem");
    Pem.writeAtomically(cert, Pem.encodeCertificates(material.certificate()), false);
    return cert;
  }
}
