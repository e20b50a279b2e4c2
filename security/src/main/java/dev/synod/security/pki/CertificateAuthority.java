package dev.synod.security.pki;

import dev.synod.security.identity.SpiffeId;
import java.security.KeyPair;
import java.security.PublicKey;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import org.bouncycastle.asn1.DEROctetString;
import org.bouncycastle.asn1.x509.BasicConstraints;
import org.bouncycastle.asn1.x509.ExtendedKeyUsage;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.GeneralName;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.asn1.x509.KeyPurposeId;
import org.bouncycastle.asn1.x509.KeyUsage;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;

/** The cluster's certificate authority: a self-signed root that issues SPIFFE leaf certificates. */
public final class CertificateAuthority {
  /** Back-dating notBefore lets peers whose clocks run a little behind accept a fresh certificate. */
  private static final Duration CLOCK_SKEW = Duration.ofMinutes(1);
  private static final int KEY_CERT_SIGN = 5;

  private final CertificateMaterial material;

  private CertificateAuthority(CertificateMaterial material) {
    this.material = material;
  }

  public static CertificateAuthority create(String clusterId, Duration validity, KeyType keyType, Clock clock) {
    SpiffeId.requireValidSegment("clusterId", clusterId);
    requirePositive(validity);
    KeyPair keys = keyType.generate();
    Instant now = clock.instant();
    var subject = CertificateBuilder.name("Synod CA " + clusterId, clusterId);
    X509Certificate cert = CertificateBuilder.of(subject, subject, keys.getPublic(), now.minus(CLOCK_SKEW), now.plus(validity))
        .extension(Extension.basicConstraints, true, new BasicConstraints(0))
        .extension(Extension.keyUsage, true, new KeyUsage(KeyUsage.keyCertSign | KeyUsage.cRLSign))
        .extension(Extension.subjectKeyIdentifier, false, CertificateBuilder.subjectKeyId(keys.getPublic()))
        .signWith(keys.getPrivate(), keys.getPublic());
    return new CertificateAuthority(new CertificateMaterial(cert, keys.getPrivate()));
  }

  /** Wraps an existing CA (e.g. loaded from files); refuses certificates that may not sign others. */
  public static CertificateAuthority of(CertificateMaterial material) {
    X509Certificate cert = material.certificate();
    if (cert.getBasicConstraints() < 0) {
      throw new IllegalArgumentException("certificate " + CertificateMaterial.describe(cert)
          + ": not a CA (expected: basicConstraints CA:true)");
    }
    boolean[] usage = cert.getKeyUsage();
    if (usage != null && !usage[KEY_CERT_SIGN]) {
      throw new IllegalArgumentException("certificate " + CertificateMaterial.describe(cert)
          + ": keyUsage lacks keyCertSign (expected: a CA allowed to sign certificates)");
    }
    return new CertificateAuthority(material);
  }

  public CertificateMaterial material() {
    return material;
  }

  public X509Certificate certificate() {
    return material.certificate();
  }

  /** Generates a fresh key pair and a leaf certificate for it. */
  public CertificateMaterial issue(LeafSpec spec, KeyType keyType, Clock clock) {
    KeyPair keys = keyType.generate();
    return new CertificateMaterial(leaf(spec, keys.getPublic(), clock), keys.getPrivate());
  }

  /**
   * Certifies the CSR's public key. The identity comes from {@code spec}, not from the names the CSR
   * asks for: deciding who the requester is belongs to the caller, which has authenticated it.
   */
  public X509Certificate sign(PKCS10CertificationRequest csr, LeafSpec spec, Clock clock) {
    Csr.verify(csr);
    PublicKey key = Keys.publicKey("csr_pem", csr.getSubjectPublicKeyInfo());
    if (!"EC".equals(key.getAlgorithm()) && !"RSA".equals(key.getAlgorithm())) {
      throw new IllegalArgumentException("csr_pem: public key algorithm \"" + key.getAlgorithm() + "\" (expected: EC or RSA)");
    }
    return leaf(spec, key, clock);
  }

  private X509Certificate leaf(LeafSpec spec, PublicKey key, Clock clock) {
    X509Certificate ca = certificate();
    Instant now = clock.instant();
    Instant caNotAfter = ca.getNotAfter().toInstant();
    if (!now.isBefore(caNotAfter)) {
      throw new IllegalStateException("CA certificate " + CertificateMaterial.describe(ca)
          + " expired at " + caNotAfter + " (now " + now + "); rotate the CA before issuing");
    }
    Instant wanted = now.plus(spec.validity());
    Instant notAfter = wanted.isBefore(caNotAfter) ? wanted : caNotAfter;
    int usage = KeyUsage.digitalSignature | ("RSA".equals(key.getAlgorithm()) ? KeyUsage.keyEncipherment : 0);
    var subject = CertificateBuilder.name(spec.id().name(), spec.id().clusterId());
    return CertificateBuilder.of(CertificateBuilder.subjectOf(ca), subject, key, now.minus(CLOCK_SKEW), notAfter)
        .extension(Extension.basicConstraints, true, new BasicConstraints(false))
        .extension(Extension.keyUsage, true, new KeyUsage(usage))
        .extension(Extension.extendedKeyUsage, false,
            new ExtendedKeyUsage(new KeyPurposeId[] {KeyPurposeId.id_kp_serverAuth, KeyPurposeId.id_kp_clientAuth}))
        .extension(Extension.subjectAlternativeName, false, subjectAltNames(spec))
        .extension(Extension.subjectKeyIdentifier, false, CertificateBuilder.subjectKeyId(key))
        .extension(Extension.authorityKeyIdentifier, false, CertificateBuilder.authorityKeyId(ca))
        .signWith(material.privateKey(), ca.getPublicKey());
  }

  private static GeneralNames subjectAltNames(LeafSpec spec) {
    List<GeneralName> names = new ArrayList<>();
    names.add(new GeneralName(GeneralName.uniformResourceIdentifier, spec.id().toString()));
    spec.dnsNames().forEach(dns -> names.add(new GeneralName(GeneralName.dNSName, dns)));
    // LeafSpec already proved every entry is a literal.
    spec.ipAddresses().forEach(ip -> names.add(new GeneralName(GeneralName.iPAddress, new DEROctetString(IpLiteral.parse(ip).orElseThrow()))));
    return new GeneralNames(names.toArray(GeneralName[]::new));
  }

  private static void requirePositive(Duration validity) {
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity: " + validity + " (expected: > 0)");
    }
  }

  @Override
  public String toString() {
    return "CertificateAuthority[" + CertificateMaterial.describe(certificate()) + ", notAfter " + certificate().getNotAfter().toInstant() + "]";
  }
}
