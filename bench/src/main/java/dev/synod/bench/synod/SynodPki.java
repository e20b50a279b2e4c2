package dev.synod.bench.synod;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.LeafSpec;
import dev.synod.security.pki.Pem;
import dev.synod.security.tls.PeerPolicy;
import dev.synod.security.tls.TlsCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;

/**
 * The certificates of a mutual-TLS Synod cluster, written as PEM files for the agents' flags: a fresh
 * CA, one server certificate per member ({@code spiffe://<cluster>/server/node-i}, also naming IP
 * 127.0.0.1 and DNS localhost, as {@code synod tls cert create --ip} does), and one client certificate
 * of role client, which Synod's permission table admits to KV puts and gets and to status calls. The
 * CA's key stays in memory: the agents get no {@code --tls-ca-key-file}, since the benchmark signs no CSRs.
 */
final class SynodPki {
  static final Duration VALIDITY = Duration.ofDays(7);
  static final String CLIENT_NAME = "bench-client";

  private final String clusterId;
  private final CertificateAuthority ca;
  private final CertificateMaterial client;

  private SynodPki(String clusterId, CertificateAuthority ca, CertificateMaterial client) {
    this.clusterId = clusterId;
    this.ca = ca;
    this.client = client;
  }

  static SynodPki issue(SynodSettings settings, Clock clock) {
    Path dir = settings.pkiDir();
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the Synod PKI directory " + dir, e);
    }
    String clusterId = settings.clusterId();
    CertificateAuthority ca = CertificateAuthority.create(clusterId, VALIDITY, KeyType.EC_P256, clock);
    Pem.writeAtomically(caFile(settings), Pem.encodeCertificates(ca.certificate()), false);
    for (int m = 0; m < settings.members(); m++) {
      String name = SynodSettings.memberName(m);
      LeafSpec spec = new LeafSpec(new SpiffeId(clusterId, Role.SERVER, name), List.of("localhost"),
          List.of(SynodSettings.HOST), VALIDITY);
      write(dir, name, ca.issue(spec, KeyType.EC_P256, clock));
    }
    CertificateMaterial client = ca.issue(LeafSpec.of(new SpiffeId(clusterId, Role.CLIENT, CLIENT_NAME), VALIDITY),
        KeyType.EC_P256, clock);
    write(dir, CLIENT_NAME, client);
    return new SynodPki(clusterId, ca, client);
  }

  private static void write(Path dir, String name, CertificateMaterial material) {
    // The key first: the agents reload a changed certificate, which must find its key.
    Pem.writeAtomically(dir.resolve(name + "-key.pem"), Pem.encodePrivateKey(material.privateKey()), true);
    Pem.writeAtomically(dir.resolve(name + ".pem"), Pem.encodeCertificates(material.certificate()), false);
  }

  CertificateAuthority ca() {
    return ca;
  }

  static Path caFile(SynodSettings settings) {
    return settings.pkiDir().resolve("ca.pem");
  }

  static Path certFile(SynodSettings settings, int member) {
    return settings.pkiDir().resolve(SynodSettings.memberName(member) + ".pem");
  }

  static Path keyFile(SynodSettings settings, int member) {
    return settings.pkiDir().resolve(SynodSettings.memberName(member) + "-key.pem");
  }

  /** The SDK side: the client certificate, trusting servers of this cluster issued by this CA only. The caller closes them. */
  TlsCredentials clientCredentials() {
    return TlsCredentials.fromMaterial(client, List.of(ca.certificate()), PeerPolicy.servers(clusterId));
  }
}
