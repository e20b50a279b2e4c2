package dev.synod.node.testing;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.LeafSpec;
import dev.synod.security.pki.Pem;
import dev.synod.security.tls.PeerPolicy;
import dev.synod.security.tls.TlsCredentials;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.Executor;

/**
 * A throwaway CA for tests, with helpers to issue certificates (good, expired, wrong role, other CA), write
 * them where nodes read them, and open gRPC channels that present them.
 */
public final class TestPki {
  private final String clusterId;
  private final CertificateAuthority ca;
  private final Path dir;

  public TestPki(String clusterId, Path dir) {
    this.clusterId = clusterId;
    this.dir = dir;
    this.ca = CertificateAuthority.create(clusterId, Duration.ofDays(2), KeyType.EC_P256, Clock.systemUTC());
    try {
      Files.createDirectories(dir);
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
    Pem.writeAtomically(caFile(), Pem.encodeCertificates(ca.certificate()), false);
    Pem.writeAtomically(caKeyFile(), Pem.encodePrivateKey(ca.material().privateKey()), true);
  }

  public String clusterId() {
    return clusterId;
  }

  public CertificateAuthority ca() {
    return ca;
  }

  public Path caFile() {
    return dir.resolve("ca.pem");
  }

  public Path caKeyFile() {
    return dir.resolve("ca-key.pem");
  }

  public CertificateMaterial issue(Role role, String name) {
    return issue(role, name, Duration.ofDays(1), Clock.systemUTC());
  }

  public CertificateMaterial issue(Role role, String name, Duration validity, Clock clock) {
    return ca.issue(new LeafSpec(new SpiffeId(clusterId, role, name), List.of(), List.of(), validity),
        KeyType.EC_P256, clock);
  }

  /** Writes a certificate and key as {@code <name>.pem} and {@code <name>-key.pem}; returns the cert path. */
  public Path write(String fileName, CertificateMaterial m) {
    Path cert = certFile(fileName);
    Pem.writeAtomically(keyFile(fileName), Pem.encodePrivateKey(m.privateKey()), true);
    Pem.writeAtomically(cert, Pem.encodeCertificates(m.certificate()), false);
    return cert;
  }

  public Path certFile(String fileName) {
    return dir.resolve(fileName + ".pem");
  }

  public Path keyFile(String fileName) {
    return dir.resolve(fileName + "-key.pem");
  }

  /** Client-side credentials trusting this CA's servers and presenting {@code identity} (null: none). */
  public TlsCredentials clientCredentials(CertificateMaterial identity) {
    return TlsCredentials.fromMaterial(identity, List.of(ca.certificate()), PeerPolicy.servers(clusterId));
  }

  /** A raw channel to {@code target} that presents {@code identity} (or nothing) and optionally a token. */
  public ManagedChannel channel(String target, CertificateMaterial identity, String token) {
    TlsCredentials creds = clientCredentials(identity);
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder().trustManager(creds.trustManager());
    creds.keyManager().ifPresent(tls::keyManager);
    ChannelCredentials channelCredentials = token == null ? tls.build()
        : CompositeChannelCredentials.create(tls.build(), bearer(token));
    return Grpc.newChannelBuilder(target, channelCredentials).build();
  }

  public static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        applier.apply(m);
      }
    };
  }
}
