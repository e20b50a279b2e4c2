package dev.synod.consensus;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.LeafSpec;
import dev.synod.security.tls.PeerPolicy;
import dev.synod.security.tls.TlsCredentials;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/** A cluster CA for tests and the TLS material it issues. */
final class TestPki {
  static final String CLUSTER = "test-cluster";
  private static final Clock CLOCK = Clock.systemUTC();

  private final CertificateAuthority ca;

  private TestPki(CertificateAuthority ca) {
    this.ca = ca;
  }

  static TestPki newCa() {
    return new TestPki(CertificateAuthority.create(CLUSTER, Duration.ofDays(1), KeyType.EC_P256, CLOCK));
  }

  /** A server certificate with only its SPIFFE id: no DNS or IP names, so a host name check could never pass. */
  CertificateMaterial issueServer(String name) {
    LeafSpec spec = new LeafSpec(new SpiffeId(CLUSTER, Role.SERVER, name), List.of(), List.of(), Duration.ofHours(1));
    return ca.issue(spec, KeyType.EC_P256, CLOCK);
  }

  /** Trusts this CA's servers and presents {@code identity}, or no certificate when it is null. */
  TlsCredentials credentials(CertificateMaterial identity) {
    return TlsCredentials.fromMaterial(identity, List.of(ca.certificate()), PeerPolicy.servers(CLUSTER));
  }

  /** Raft TLS of node {@code name}: its own server certificate, admitting only this CA's servers. */
  RaftTls raftTls(String name) {
    TlsCredentials c = credentials(issueServer(name));
    return new RaftTls(c.keyManager().orElseThrow(), c.trustManager());
  }

  /** Settings for node {@code name} of a test cluster under this CA. */
  ConsensusSettings settings(String name) {
    return ConsensusSettings.lan().toBuilder().tls(raftTls(name)).build();
  }
}
