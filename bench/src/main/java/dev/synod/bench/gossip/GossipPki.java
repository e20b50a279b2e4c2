package dev.synod.bench.gossip;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.LeafSpec;
import dev.synod.security.pki.Pem;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;

/**
 * Certificates for gossip probes, as Synod's product default wants them: a fresh cluster CA and, per member,
 * a server certificate {@code spiffe://<cluster>/server/<member>}, which is what the agent presents on its
 * gossip port and what its peers' trust manager requires. Issued by Synod's own CA code, written as PEM.
 */
final class GossipPki {
  private static final Duration VALIDITY = Duration.ofDays(7);

  private final String clusterId;
  private final Path dir;
  private final CertificateAuthority ca;
  private final Clock clock;

  private GossipPki(String clusterId, Path dir, CertificateAuthority ca, Clock clock) {
    this.clusterId = clusterId;
    this.dir = dir;
    this.ca = ca;
    this.clock = clock;
  }

  static GossipPki create(String clusterId, Path dir, Clock clock) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the gossip PKI directory " + dir, e);
    }
    CertificateAuthority ca = CertificateAuthority.create(clusterId, VALIDITY, KeyType.EC_P256, clock);
    GossipPki pki = new GossipPki(clusterId, dir, ca, clock);
    Pem.writeAtomically(pki.caFile(), Pem.encodeCertificates(ca.certificate()), false);
    return pki;
  }

  /** Issues {@code member}'s certificate unless it has one already. */
  synchronized void ensureMember(String member) {
    if (Files.exists(certFile(member))) {
      return;
    }
    CertificateMaterial leaf =
        ca.issue(LeafSpec.of(new SpiffeId(clusterId, Role.SERVER, member), VALIDITY), KeyType.EC_P256, clock);
    // The key first: whoever sees the certificate must find its key.
    Pem.writeAtomically(keyFile(member), Pem.encodePrivateKey(leaf.privateKey()), true);
    Pem.writeAtomically(certFile(member), Pem.encodeCertificates(leaf.certificate()), false);
  }

  Path caFile() {
    return dir.resolve("ca.pem");
  }

  Path certFile(String member) {
    return dir.resolve(member + ".pem");
  }

  Path keyFile(String member) {
    return dir.resolve(member + "-key.pem");
  }
}
