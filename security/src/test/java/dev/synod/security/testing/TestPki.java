package dev.synod.security.testing;

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
import java.math.BigInteger;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.KeyPair;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import java.util.List;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/**
 * A throwaway cluster CA for tests, and the certificates, files and TLS credentials it backs. Leaves
 * carry only their SPIFFE id, as Synod issues them: no DNS or IP SANs, so a peer that checked host
 * names would refuse every one. Two CAs for the same cluster id do not trust each other.
 */
public final class TestPki {
  public static final Clock CLOCK = Clock.systemUTC();
  private static final Duration CA_VALIDITY = Duration.ofDays(365);
  private static final Duration LEAF_VALIDITY = Duration.ofDays(1);

  private final String clusterId;
  private final CertificateAuthority ca;
  /** Where {@link #write(String, CertificateMaterial)} puts files; null when created without one. */
  private final Path dir;

  private TestPki(String clusterId, Path dir) {
    this.clusterId = clusterId;
    this.ca = CertificateAuthority.create(clusterId, CA_VALIDITY, KeyType.EC_P256, CLOCK);
    this.dir = dir;
  }

  /** A fresh CA kept in memory. */
  public static TestPki create(String clusterId) {
    return new TestPki(clusterId, null);
  }

  /** A fresh CA whose {@code ca.pem} and {@code ca-key.pem} are written into {@code dir}, where nodes read them. */
  public static TestPki create(String clusterId, Path dir) {
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    TestPki pki = new TestPki(clusterId, dir);
    Pem.writeAtomically(pki.caFile(), Pem.encodeCertificates(pki.caCertificate()), false);
    Pem.writeAtomically(pki.caKeyFile(), Pem.encodePrivateKey(pki.ca.material().privateKey()), true);
    return pki;
  }

  public String clusterId() {
    return clusterId;
  }

  public CertificateAuthority ca() {
    return ca;
  }

  public X509Certificate caCertificate() {
    return ca.certificate();
  }

  /** A day-long leaf for {@code spiffe://<cluster>/<role>/<name>}. */
  public CertificateMaterial issue(Role role, String name) {
    return issue(role, name, LEAF_VALIDITY, CLOCK);
  }

  /** A leaf valid for {@code validity} from {@code clock}'s now: a clock in the past gives an expired one. */
  public CertificateMaterial issue(Role role, String name, Duration validity, Clock clock) {
    return ca.issue(LeafSpec.of(new SpiffeId(clusterId, role, name), validity), KeyType.EC_P256, clock);
  }

  /** A leaf signed by this CA that names another cluster, which peers of this one must refuse. */
  public CertificateMaterial issueFor(String otherClusterId, Role role, String name) {
    return ca.issue(LeafSpec.of(new SpiffeId(otherClusterId, role, name), LEAF_VALIDITY), KeyType.EC_P256, CLOCK);
  }

  /**
   * A leaf signed by this CA with exactly these URI SANs (possibly none, possibly malformed), built by
   * hand because the real CA would never issue it. Its subject is {@code CN=handmade}.
   */
  public CertificateMaterial issueWithUris(String... uris) {
    KeyPair keys = KeyType.EC_P256.generate();
    Instant now = CLOCK.instant();
    try {
      X509v3CertificateBuilder builder = new JcaX509v3CertificateBuilder(ca.certificate(), BigInteger.valueOf(now.toEpochMilli()),
          Date.from(now.minusSeconds(60)), Date.from(now.plusSeconds(3600)), new X500Name("CN=handmade"), keys.getPublic());
      builder.addExtension(Extension.extendedKeyUsage, false,
          new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}));
      if (uris.length > 0) {
        GeneralName[] names = new GeneralName[uris.length];
        for (int i = 0; i < uris.length; i++) {
          names[i] = new GeneralName(GeneralName.uniformResourceIdentifier, uris[i]);
        }
        builder.addExtension(Extension.subjectAlternativeName, false, new GeneralNames(names));
      }
      X509Certificate cert = new JcaX509CertificateConverter().getCertificate(
          builder.build(new JcaContentSignerBuilder("SHA256withECDSA").build(ca.material().privateKey())));
      return new CertificateMaterial(cert, keys.getPrivate());
    } catch (CertIOException | OperatorCreationException | CertificateException e) {
      throw new IllegalStateException("could not build a certificate with URIs " + List.of(uris), e);
    }
  }

  /** What a client needs: trust in this CA's servers, and {@code identity} to present (null: none). */
  public TlsCredentials clientCredentials(CertificateMaterial identity) {
    return peerCredentials(identity, PeerPolicy.servers(clusterId));
  }

  /** Presents {@code identity} (null: none) and admits peers of this CA that {@code policy} allows. */
  public TlsCredentials peerCredentials(CertificateMaterial identity, PeerPolicy policy) {
    return TlsCredentials.fromMaterial(identity, List.of(ca.certificate()), policy);
  }

  public Path caFile() {
    return dir().resolve("ca.pem");
  }

  public Path caKeyFile() {
    return dir().resolve("ca-key.pem");
  }

  public Path certFile(String base) {
    return dir().resolve(base + ".pem");
  }

  public Path keyFile(String base) {
    return dir().resolve(base + "-key.pem");
  }

  /** Writes the CA certificate to {@code file}; returns it. */
  public Path writeCa(Path file) {
    Pem.writeAtomically(file, Pem.encodeCertificates(ca.certificate()), false);
    return file;
  }

  /** Writes {@code <base>.pem} and {@code <base>-key.pem} into this CA's directory; returns the certificate path. */
  public Path write(String base, CertificateMaterial material) {
    return write(dir(), base, material);
  }

  /** Writes {@code <base>.pem} and {@code <base>-key.pem} into {@code dir}; returns the certificate path. */
  public static Path write(Path dir, String base, CertificateMaterial material) {
    // The key first: a reader that sees the new certificate must find its key.
    Pem.writeAtomically(dir.resolve(base + "-key.pem"), Pem.encodePrivateKey(material.privateKey()), true);
    Path cert = dir.resolve(base + ".pem");
    Pem.writeAtomically(cert, Pem.encodeCertificates(material.certificate()), false);
    return cert;
  }

  private Path dir() {
    if (dir == null) {
      throw new IllegalStateException("this TestPki has no directory (expected: TestPki.create(clusterId, dir))");
    }
    return dir;
  }
}
