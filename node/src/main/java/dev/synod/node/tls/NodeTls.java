package dev.synod.node.tls;

import dev.synod.node.config.AgentConfig;
import dev.synod.node.config.SecuritySettings;
import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Pem;
import dev.synod.security.tls.PeerPolicy;
import dev.synod.security.tls.TlsCredentials;
import io.grpc.ServerCredentials;
import io.grpc.TlsServerCredentials;
import java.nio.file.Path;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.List;
import java.util.Optional;

/**
 * A node's TLS material, loaded from the configured files and reloaded when they change: one view for the
 * public API (any role of the cluster may connect; authorization decides later) and one for Raft and gossip
 * (only other translation nodes).
 */
public final class NodeTls implements AutoCloseable {
  private final TlsCredentials api;
  private final TlsCredentials peers;
  private final Optional<CertificateMaterial> signingCa;

  private NodeTls(TlsCredentials api, TlsCredentials peers, Optional<CertificateMaterial> signingCa) {
    this.api = api;
    this.peers = peers;
    this.signingCa = signingCa;
  }

  /** Empty in insecure-dev mode. Throws IllegalArgumentException naming the setting for bad files. */
  public static Optional<NodeTls> open(AgentConfig config) {
    SecuritySettings s = config.security();
    if (s.insecureDev()) {
      return Optional.empty();
    }
    Path ca = s.caFile().orElseThrow();
    Path cert = s.certFile().orElseThrow();
    Path key = s.keyFile().orElseThrow();
    TlsCredentials api = TlsCredentials.fromFiles(ca, cert, key, PeerPolicy.anyRole(config.clusterId()),
        s.reloadInterval());
    try {
      checkServerIdentity(config.clusterId(), cert, api);
      TlsCredentials peers = TlsCredentials.fromFiles(ca, cert, key, PeerPolicy.servers(config.clusterId()),
          s.reloadInterval());
      Optional<CertificateMaterial> signing = s.caKeyFile().map(caKey -> signingCa(ca, caKey));
      return Optional.of(new NodeTls(api, peers, signing));
    } catch (RuntimeException e) {
      api.close();
      throw e;
    }
  }

  private static void checkServerIdentity(String clusterId, Path certFile, TlsCredentials credentials) {
    X509Certificate cert = credentials.certificate().orElseThrow();
    Optional<SpiffeId> id;
    try {
      id = SpiffeId.fromCertificate(cert);
    } catch (CertificateException e) {
      throw new IllegalArgumentException("tls-cert-file: " + certFile + ": " + e.getMessage());
    }
    if (id.isEmpty() || id.get().role() != Role.SERVER || !id.get().clusterId().equals(clusterId)) {
      throw new IllegalArgumentException("tls-cert-file: " + certFile + " names "
          + id.map(SpiffeId::toString).orElse("no spiffe:// identity") + " (expected: spiffe://" + clusterId
          + "/server/<name>; issue one with: synod tls cert create --role server)");
    }
  }

  private static CertificateMaterial signingCa(Path caFile, Path caKeyFile) {
    return Pem.readMaterial("tls-ca-file", caFile, "tls-ca-key-file", caKeyFile);
  }

  /** Client auth is optional on the API: callers may present a bearer token instead of a certificate. */
  public ServerCredentials apiServerCredentials() {
    return TlsServerCredentials.newBuilder().keyManager(api.keyManager().orElseThrow())
        .trustManager(api.trustManager()).clientAuth(TlsServerCredentials.ClientAuth.OPTIONAL).build();
  }

  public TlsCredentials peers() {
    return peers;
  }

  public TlsCredentials api() {
    return api;
  }

  public List<X509Certificate> trustedCas() {
    return api.trustedCas();
  }

  /** The CA certificate and key, when this node was given the key to replicate. */
  public Optional<CertificateMaterial> signingCa() {
    return signingCa;
  }

  @Override
  public void close() {
    api.close();
    peers.close();
  }
}
