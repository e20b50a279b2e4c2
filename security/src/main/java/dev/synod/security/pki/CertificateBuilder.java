package dev.synod.security.pki;

import java.math.BigInteger;
import java.security.GeneralSecurityException;
import java.security.PrivateKey;
import java.security.PublicKey;
import java.security.SecureRandom;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.Date;
import org.bouncycastle.asn1.ASN1Encodable;
import org.bouncycastle.asn1.ASN1ObjectIdentifier;
import org.bouncycastle.asn1.x500.X500Name;
import org.bouncycastle.asn1.x500.X500NameBuilder;
import org.bouncycastle.asn1.x500.style.BCStyle;
import org.bouncycastle.asn1.x509.AuthorityKeyIdentifier;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.SubjectKeyIdentifier;
import org.bouncycastle.cert.CertIOException;
import org.bouncycastle.cert.X509v3CertificateBuilder;
import org.bouncycastle.cert.jcajce.JcaX509CertificateConverter;
import org.bouncycastle.cert.jcajce.JcaX509ExtensionUtils;
import org.bouncycastle.cert.jcajce.JcaX509v3CertificateBuilder;
import org.bouncycastle.operator.OperatorCreationException;
import org.bouncycastle.operator.jcajce.JcaContentSignerBuilder;

/** Thin wrapper over BouncyCastle's builder that turns its checked exceptions into unchecked ones. */
final class CertificateBuilder {
  private static final SecureRandom RANDOM = new SecureRandom();

  private final X509v3CertificateBuilder builder;

  private CertificateBuilder(X509v3CertificateBuilder builder) {
    this.builder = builder;
  }

  static CertificateBuilder of(X500Name issuer, X500Name subject, PublicKey key, Instant notBefore, Instant notAfter) {
    return new CertificateBuilder(new JcaX509v3CertificateBuilder(
        issuer, randomSerial(), Date.from(notBefore), Date.from(notAfter), subject, key));
  }

  /** {@code CN=<commonName>, O=<organization>}; O goes first in DER so Java prints CN first. */
  static X500Name name(String commonName, String organization) {
    return new X500NameBuilder(BCStyle.INSTANCE).addRDN(BCStyle.O, organization).addRDN(BCStyle.CN, commonName).build();
  }

  /** The exact DER name of the certificate's subject, so issuer/subject chaining compares equal bytes. */
  static X500Name subjectOf(X509Certificate certificate) {
    return X500Name.getInstance(certificate.getSubjectX500Principal().getEncoded());
  }

  /** Positive, non-zero, 128 random bits (RFC 5280 allows up to 20 octets). */
  static BigInteger randomSerial() {
    return new BigInteger(127, RANDOM).setBit(127);
  }

  static SubjectKeyIdentifier subjectKeyId(PublicKey key) {
    return extensionUtils().createSubjectKeyIdentifier(key);
  }

  /** Reuses the issuer's own key id when it has one, so chains built by other tools still link up. */
  static AuthorityKeyIdentifier authorityKeyId(X509Certificate issuer) {
    byte[] ski = issuer.getExtensionValue(Extension.subjectKeyIdentifier.getId());
    if (ski == null) {
      return extensionUtils().createAuthorityKeyIdentifier(issuer.getPublicKey());
    }
    try {
      return new AuthorityKeyIdentifier(SubjectKeyIdentifier.getInstance(JcaX509ExtensionUtils.parseExtensionValue(ski)).getKeyIdentifier());
    } catch (java.io.IOException e) {
      throw new IllegalArgumentException("issuer certificate " + CertificateMaterial.describe(issuer)
          + ": malformed subjectKeyIdentifier: " + e.getMessage(), e);
    }
  }

  CertificateBuilder extension(ASN1ObjectIdentifier oid, boolean critical, ASN1Encodable value) {
    try {
      builder.addExtension(oid, critical, value);
      return this;
    } catch (CertIOException e) {
      throw new IllegalArgumentException("extension " + oid + ": cannot encode: " + e.getMessage(), e);
    }
  }

  X509Certificate signWith(PrivateKey issuerKey, PublicKey issuerPublicKey) {
    try {
      var signer = new JcaContentSignerBuilder(Keys.signatureAlgorithm(issuerPublicKey)).build(issuerKey);
      return new JcaX509CertificateConverter().getCertificate(builder.build(signer));
    } catch (OperatorCreationException | GeneralSecurityException e) {
      throw new IllegalStateException("cannot sign certificate: " + e.getMessage(), e);
    }
  }

  private static JcaX509ExtensionUtils extensionUtils() {
    try {
      return new JcaX509ExtensionUtils();
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException("SHA-1 (key identifiers) unavailable: " + e.getMessage(), e);
    }
  }
}
