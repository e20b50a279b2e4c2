package dev.synod.membership;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.LeafSpec;
import dev.synod.security.tls.PeerPolicy;
import dev.synod.security.tls.TlsCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** One certificate authority for a cluster id, and gossip TLS set-ups issued by it. */
final class GossipPki {

  private static final Clock CLOCK = Clock.systemUTC();

  private final String clusterId;
  private final CertificateAuthority ca;

  private GossipPki(String clusterId) {
    this.clusterId = clusterId;
    this.ca = CertificateAuthority.create(clusterId, Duration.ofDays(1), KeyType.EC_P256, CLOCK);
  }

  /** A fresh CA: two calls give two CAs for the same cluster id that do not trust each other. */
  static GossipPki newCa(String clusterId) {
    return new GossipPki(clusterId);
  }

  /** A gossip member's TLS: presents spiffe://cluster/role/name, admits only servers of this CA's cluster. */
  GossipTls tls(Role role, String name) {
    TlsCredentials credentials = trusting(role, name);
    return new GossipTls(credentials.keyManager().orElseThrow(), credentials.trustManager());
  }

  /** The credentials behind {@link #tls}; a null role gives trust without an identity. */
  TlsCredentials trusting(Role role, String name) {
    if (role == null) {
      return TlsCredentials.fromMaterial(null, List.of(ca.certificate()), PeerPolicy.servers(clusterId));
    }
    LeafSpec spec = LeafSpec.of(new SpiffeId(clusterId, role, name), Duration.ofHours(1));
    return TlsCredentials.fromMaterial(ca.issue(spec, KeyType.EC_P256, CLOCK), List.of(ca.certificate()), PeerPolicy.servers(clusterId));
  }
}
