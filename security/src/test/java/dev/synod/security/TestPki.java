package dev.synod.security;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.LeafSpec;
import java.math.BigInteger;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Certificates for tests: a CA per cluster and leaves the real CA would or would never issue. */
public final class TestPki {
  public static final Clock CLOCK = Clock.systemUTC();

  private TestPki() {}

  public static CertificateAuthority ca(String clusterId) {
    return CertificateAuthority.create(clusterId, Duration.ofDays(365), KeyType.EC_P256, CLOCK);
  }

  public static CertificateMaterial leaf(CertificateAuthority ca, String clusterId, Role role, String name) {
    return ca.issue(LeafSpec.of(new SpiffeId(clusterId, role, name), Duration.ofDays(1)), KeyType.EC_P256, CLOCK);
  }

  /** A leaf signed by {@code ca} with exactly these URI SANs (possibly none, possibly malformed). */
  public static CertificateMaterial leafWithUris(CertificateAuthority ca, String... uris) throws Exception {
    KeyPair keys = KeyType.EC_P256.generate();
    Instant now = CLOCK.instant();
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
  }
}
