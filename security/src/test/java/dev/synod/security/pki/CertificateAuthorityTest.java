package dev.synod.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import java.security.cert.CertPathValidator;
import java.security.cert.CertificateFactory;
import java.security.cert.PKIXParameters;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.Date;
import java.util.List;
import java.util.Set;
import org.bouncycastle.asn1.ASN1OctetString;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.junit.jupiter.api.Test;

class CertificateAuthorityTest {
  private static final Instant NOW = Instant.parse("2026-03-01T12:00:00Z");
  private static final Clock CLOCK = Clock.fixed(NOW, ZoneOffset.UTC);
  private static final SpiffeId N1 = new SpiffeId("prod", Role.SERVER, "n1");

  @Test
  void createMakesASelfSignedCaValidForTheGivenPeriod() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create("prod", Duration.ofDays(30), KeyType.EC_P256, CLOCK);
    X509Certificate cert = ca.certificate();

    cert.verify(cert.getPublicKey());
    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=Synod CA prod,O=prod");
    assertThat(cert.getIssuerX500Principal()).isEqualTo(cert.getSubjectX500Principal());
    assertThat(cert.getBasicConstraints()).isZero();
    assertThat(cert.getKeyUsage()[5]).as("keyCertSign").isTrue();
    assertThat(cert.getKeyUsage()[6]).as("cRLSign").isTrue();
    assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isFalse();
    assertThat(cert.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    assertThat(cert.getExtensionValue(Extension.subjectKeyIdentifier.getId())).isNotNull();
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minusSeconds(60));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(30)));
    assertThat(cert.getSerialNumber().signum()).isPositive();
    assertThat(cert.getSerialNumber().bitLength()).isEqualTo(128);
    assertThat(cert.getSigAlgName()).isEqualTo("SHA256withECDSA");
  }

  @Test
  void createChecksItsInputs() {
    assertThatThrownBy(() -> CertificateAuthority.create("prod", Duration.ZERO, KeyType.EC_P256, CLOCK))
        .hasMessage("validity: PT0S (expected: > 0)");
    assertThatThrownBy(() -> CertificateAuthority.create("Prod!", Duration.ofDays(1), KeyType.EC_P256, CLOCK))
        .hasMessage("clusterId: \"Prod!\" (expected: [a-z0-9][a-z0-9-_.]{0,62})");
  }

  @Test
  void issuedLeafCarriesIdentityUsagesAndChainsToTheCa() throws Exception {
    CertificateAuthority ca = CertificateAuthority.create("prod", Duration.ofDays(365), KeyType.EC_P256, CLOCK);
    LeafSpec spec = new LeafSpec(N1, List.of("n1.prod.example"), List.of("10.0.0.1", "::1"), Duration.ofDays(7));
    CertificateMaterial leaf = ca.issue(spec, KeyType.EC_P256, CLOCK);
    X509Certificate cert = leaf.certificate();

    assertThat(cert.getSubjectX500Principal().getName()).isEqualTo("CN=n1,O=prod");
    assertThat(cert.getSubjectAlternativeNames()).containsExactly(
        List.of(6, "spiffe://prod/server/n1"), List.of(2, "n1.prod.example"), List.of(7, "10.0.0.1"), List.of(7, "0:0:0:0:0:0:0:1"));
    assertThat(cert.getExtendedKeyUsage()).containsExactly("1.3.6.1.5.5.7.3.1", "1.3.6.1.5.5.7.3.2");
    assertThat(cert.getBasicConstraints()).isEqualTo(-1);
    assertThat(cert.getKeyUsage()[0]).as("digitalSignature").isTrue();
    assertThat(cert.getKeyUsage()[2]).as("keyEncipherment only for RSA").isFalse();
    assertThat(cert.getCriticalExtensionOIDs()).contains(Extension.basicConstraints.getId(), Extension.keyUsage.getId());
    assertThat(cert.getNotBefore().toInstant()).isEqualTo(NOW.minusSeconds(60));
    assertThat(cert.getNotAfter().toInstant()).isEqualTo(NOW.plus(Duration.ofDays(7)));
    assertThat(cert.getSerialNumber().bitLength()).isEqualTo(128);
    assertThat(authorityKeyId(cert)).isEqualTo(subjectKeyId(ca.certificate()));
    assertThat(SpiffeId.fromCertificate(cert)).contains(N1);
    assertChainsTo(cert, ca.certificate());
  }

  @Test
  void leafNeverOutlivesTheCa() {
    CertificateAuthority ca = CertificateAuthority.create("prod", Duration.ofDays(1), KeyType.EC_P256, CLOCK);
    X509Certificate leaf = ca.issue(LeafSpec.of(N1, Duration.ofDays(10)), KeyType.EC_P256, CLOCK).certificate();
    assertThat(leaf.getNotAfter()).isEqualTo(ca.certificate().getNotAfter());
  }

  @Test
  void expiredCaRefusesToIssue() {
    CertificateAuthority ca = CertificateAuthority.create("prod", Duration.ofHours(1), KeyType.EC_P256, CLOCK);
    Clock later = Clock.offset(CLOCK, Duration.ofHours(2));
    assertThatThrownBy(() -> ca.issue(LeafSpec.of(N1, Duration.ofDays(1)), KeyType.EC_P256, later))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("expired at 2026-03-01T13:00:00Z (now 2026-03-01T14:00:00Z)");
  }

  @Test
  void rsaAndP384WorkForCaAndLeaves() throws Exception {
    CertificateAuthority rsaCa = CertificateAuthority.create("prod", Duration.ofDays(1), KeyType.RSA_2048, CLOCK);
    CertificateMaterial p384Leaf = rsaCa.issue(LeafSpec.of(N1, Duration.ofHours(1)), KeyType.EC_P384, CLOCK);
    assertThat(rsaCa.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
    assertThat(p384Leaf.certificate().getSigAlgName()).isEqualTo("SHA256withRSA");
    assertChainsTo(p384Leaf.certificate(), rsaCa.certificate());

    CertificateAuthority p384Ca = CertificateAuthority.create("prod", Duration.ofDays(1), KeyType.EC_P384, CLOCK);
    CertificateMaterial rsaLeaf = p384Ca.issue(LeafSpec.of(N1, Duration.ofHours(1)), KeyType.RSA_2048, CLOCK);
    assertThat(rsaLeaf.certificate().getSigAlgName()).isEqualTo("SHA384withECDSA");
    assertThat(rsaLeaf.certificate().getKeyUsage()[2]).as("keyEncipherment").isTrue();
    assertChainsTo(rsaLeaf.certificate(), p384Ca.certificate());
  }

  @Test
  void ofAcceptsOnlyCaCertificates() {
    CertificateAuthority ca = CertificateAuthority.create("prod", Duration.ofDays(1), KeyType.EC_P256, CLOCK);
    assertThat(CertificateAuthority.of(ca.material()).certificate()).isEqualTo(ca.certificate());
    CertificateMaterial leaf = ca.issue(LeafSpec.of(N1, Duration.ofHours(1)), KeyType.EC_P256, CLOCK);
    assertThatThrownBy(() -> CertificateAuthority.of(leaf))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("CN=n1,O=prod")
        .hasMessageEndingWith(": not a CA (expected: basicConstraints CA:true)");
  }

  @Test
  void materialRefusesAKeyOfAnotherCertificate() {
    CertificateAuthority ca = CertificateAuthority.create("prod", Duration.ofDays(1), KeyType.EC_P256, CLOCK);
    CertificateMaterial leaf = ca.issue(LeafSpec.of(N1, Duration.ofHours(1)), KeyType.EC_P256, CLOCK);
    assertThatThrownBy(() -> new CertificateMaterial(leaf.certificate(), ca.material().privateKey()))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("privateKey: EC key does not match the public key of certificate CN=n1,O=prod");
    assertThatThrownBy(() -> new CertificateMaterial(leaf.certificate(), KeyType.RSA_2048.generate().getPrivate()))
        .hasMessageStartingWith("privateKey: RSA key does not match");
    assertThat(leaf.toString()).doesNotContain("private").contains("CN=n1,O=prod");
  }

  static void assertChainsTo(X509Certificate leaf, X509Certificate ca) throws Exception {
    PKIXParameters parameters = new PKIXParameters(Set.of(new TrustAnchor(ca, null)));
    parameters.setRevocationEnabled(false);
    parameters.setDate(Date.from(leaf.getNotBefore().toInstant().plusSeconds(120)));
    CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(List.of(leaf)), parameters);
  }

  private static byte[] subjectKeyId(X509Certificate cert) {
    byte[] value = ASN1OctetString.getInstance(cert.getExtensionValue(Extension.subjectKeyIdentifier.getId())).getOctets();
    return SubjectKeyIdentifier.getInstance(value).getKeyIdentifier();
  }

  private static byte[] authorityKeyId(X509Certificate cert) {
    byte[] value = ASN1OctetString.getInstance(cert.getExtensionValue(Extension.authorityKeyIdentifier.getId())).getOctets();
    return AuthorityKeyIdentifier.getInstance(value).getKeyIdentifierObject().getOctets();
  }
}
