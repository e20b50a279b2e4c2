package dev.synod.security.tls;

import java.security.GeneralSecurityException;
import java.security.cert.CertPathValidator;
import java.security.cert.CertPathValidatorException;
import java.security.cert.CertPathValidatorException.BasicReason;
import java.security.cert.CertificateException;
import java.security.cert.CertificateExpiredException;
import java.security.cert.CertificateFactory;
import java.security.cert.CertificateNotYetValidException;
import java.security.cert.PKIXParameters;
import java.security.cert.PKIXReason;
import java.security.cert.TrustAnchor;
import java.security.cert.X509Certificate;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Date;
import java.util.List;
import java.util.Set;
import java.util.stream.Collectors;

/** PKIX validation of a peer's chain against a fixed set of CAs, with errors a human can act on. */
final class ChainValidator {
  private final List<X509Certificate> cas;
  private final Set<TrustAnchor> anchors;

  ChainValidator(List<X509Certificate> cas) {
    if (cas == null || cas.isEmpty()) {
      throw new IllegalArgumentException("trustedCas: none (expected: at least one CA certificate)");
    }
    this.cas = List.copyOf(cas);
    this.anchors = this.cas.stream().map(ca -> new TrustAnchor(ca, null)).collect(Collectors.toUnmodifiableSet());
  }

  List<X509Certificate> cas() {
    return cas;
  }

  void validate(X509Certificate[] chain, Instant now) throws CertificateException {
    if (chain == null || chain.length == 0) {
      throw new CertificateException("no certificate presented");
    }
    List<X509Certificate> path = withoutAnchors(chain);
    if (path.isEmpty()) {
      throw new CertificateException("peer presented only the CA certificate " + PeerPolicy.describe(chain[0]) + " (expected: a leaf certificate)");
    }
    for (X509Certificate cert : path) {
      checkValidity(cert, now);
    }
    try {
      PKIXParameters parameters = new PKIXParameters(anchors);
      // No CRL/OCSP infrastructure here: short-lived leaves and CA rotation take that role.
      parameters.setRevocationEnabled(false);
      parameters.setDate(Date.from(now));
      CertPathValidator.getInstance("PKIX").validate(CertificateFactory.getInstance("X.509").generateCertPath(path), parameters);
    } catch (CertPathValidatorException e) {
      if (e.getReason() == PKIXReason.NO_TRUST_ANCHOR || e.getReason() == BasicReason.INVALID_SIGNATURE) {
        X509Certificate top = path.get(path.size() - 1);
        throw new CertificateException("certificate " + PeerPolicy.describe(top) + " issued by "
            + top.getIssuerX500Principal().getName() + " is not signed by a trusted CA (trusted: " + subjects() + ")", e);
      }
      throw new CertificateException("certificate chain rejected: " + e.getMessage(), e);
    } catch (GeneralSecurityException e) {
      throw new CertificateException("cannot validate certificate chain: " + e.getMessage(), e);
    }
  }

  /** Peers may append the CA itself; PKIX wants the path to stop below the anchor. */
  private List<X509Certificate> withoutAnchors(X509Certificate[] chain) {
    List<X509Certificate> path = new ArrayList<>(List.of(chain));
    while (!path.isEmpty() && cas.contains(path.get(path.size() - 1))) {
      path.remove(path.size() - 1);
    }
    return path;
  }

  private static void checkValidity(X509Certificate cert, Instant now) throws CertificateException {
    try {
      cert.checkValidity(Date.from(now));
    } catch (CertificateExpiredException e) {
      throw new CertificateException("certificate " + PeerPolicy.describe(cert) + " expired at "
          + cert.getNotAfter().toInstant() + " (now " + now + ")", e);
    } catch (CertificateNotYetValidException e) {
      throw new CertificateException("certificate " + PeerPolicy.describe(cert) + " is not valid before "
          + cert.getNotBefore().toInstant() + " (now " + now + ")", e);
    }
  }

  private String subjects() {
    return cas.stream().map(ca -> ca.getSubjectX500Principal().getName()).collect(Collectors.joining("; "));
  }
}
