package dev.synod.security.identity;

import java.net.URI;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.ArrayList;
import java.util.Collection;
import java.util.List;
import java.util.Optional;
import java.util.regex.Pattern;

/**
 * A workload identity {@code spiffe://<clusterId>/<role>/<name>}. Peers are authenticated by this
 * id (carried as the only spiffe:// URI SAN of their certificate), never by host name.
 */
public record SpiffeId(String clusterId, Role role, String name) {
  private static final String SCHEME = "spiffe://";
  private static final String SEGMENT_RULE = "[a-z0-9][a-z0-9-_.]{0,62}";
  private static final Pattern SEGMENT = Pattern.compile(SEGMENT_RULE);
  private static final String SHAPE = "spiffe://<cluster>/<role>/<name>";
  private static final int SAN_URI = 6;

  public SpiffeId {
    requireValidSegment("clusterId", clusterId);
    if (role == null) {
      throw new IllegalArgumentException("role: null (expected: a role)");
    }
    requireValidSegment("name", name);
  }

  /** Checks a cluster id or name against {@code [a-z0-9][a-z0-9-_.]{0,62}}; returns it for chaining. */
  public static String requireValidSegment(String field, String value) {
    if (value == null || !SEGMENT.matcher(value).matches()) {
      String shown = value == null ? "null" : "\"" + value + "\"";
      throw new IllegalArgumentException(field + ": " + shown + " (expected: " + SEGMENT_RULE + ")");
    }
    return value;
  }

  public URI uri() {
    return URI.create(toString());
  }

  @Override
  public String toString() {
    return SCHEME + clusterId + "/" + role.wireName() + "/" + name;
  }

  public static SpiffeId parse(String text) {
    if (text == null || !text.startsWith(SCHEME)) {
      throw malformed(text);
    }
    String[] parts = text.substring(SCHEME.length()).split("/", -1);
    if (parts.length != 3) {
      throw malformed(text);
    }
    try {
      return new SpiffeId(parts[0], Role.parse("role", parts[1]), parts[2]);
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("spiffe id \"" + text + "\": " + e.getMessage(), e);
    }
  }

  /**
   * The certificate's SPIFFE id: empty when it has no spiffe:// URI SAN; an error when it has
   * several or a malformed one, since either makes the peer's identity ambiguous.
   */
  public static Optional<SpiffeId> fromCertificate(X509Certificate cert) throws CertificateException {
    List<String> uris = spiffeUris(cert);
    String who = "certificate " + cert.getSubjectX500Principal().getName() + " (serial " + cert.getSerialNumber().toString(16) + ")";
    if (uris.isEmpty()) {
      return Optional.empty();
    }
    if (uris.size() > 1) {
      throw new CertificateException(who + " has " + uris.size() + " SPIFFE URI SANs " + uris + " (expected: exactly one)");
    }
    try {
      return Optional.of(parse(uris.get(0)));
    } catch (IllegalArgumentException e) {
      throw new CertificateException(who + " has a malformed SPIFFE id: " + e.getMessage(), e);
    }
  }

  private static List<String> spiffeUris(X509Certificate cert) throws CertificateException {
    Collection<List<?>> sans = cert.getSubjectAlternativeNames();
    List<String> uris = new ArrayList<>();
    if (sans == null) {
      return uris;
    }
    for (List<?> san : sans) {
      if (((Integer) san.get(0)) == SAN_URI && san.get(1) instanceof String uri
          && uri.regionMatches(true, 0, SCHEME, 0, SCHEME.length())) {
        uris.add(uri);
      }
    }
    return uris;
  }

  private static IllegalArgumentException malformed(String text) {
    String shown = text == null ? "null" : "\"" + text + "\"";
    return new IllegalArgumentException("spiffe id: " + shown + " (expected: " + SHAPE + ")");
  }
}
