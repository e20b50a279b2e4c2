package dev.synod.node.auth;

import dev.synod.proto.v1.AclLookupResult;
import dev.synod.proto.v1.AclToken;
import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import java.security.cert.Certificate;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;
import javax.net.ssl.SSLPeerUnverifiedException;
import javax.net.ssl.SSLSession;

/**
 * Turns a call's credentials into an {@link Identity}. A bearer token, when present, decides; otherwise the
 * client certificate that the TLS handshake already verified against the cluster CA; otherwise the caller
 * is anonymous. Token expiry is checked against this node's clock because the registry has none.
 */
public final class Authenticator {
  private final String clusterId;
  private final TokenLookup tokens;
  private final Clock clock;

  public Authenticator(String clusterId, TokenLookup tokens, Clock clock) {
    this.clusterId = clusterId;
    this.tokens = tokens;
    this.clock = clock;
  }

  /**
   * @param authorization the {@code authorization} header, or null
   * @param tls the call's TLS session, or null on plaintext
   * @param peer the remote address, for anonymous callers and log lines
   */
  public Identity authenticate(String authorization, SSLSession tls, String peer) throws AuthenticationFailure {
    if (authorization != null) {
      return fromToken(authorization);
    }
    Optional<X509Certificate> cert = peerCertificate(tls);
    if (cert.isPresent()) {
      return fromCertificate(cert.get());
    }
    return Identity.anonymous(peer);
  }

  private Identity fromToken(String authorization) throws AuthenticationFailure {
    if (!authorization.regionMatches(true, 0, "Bearer ", 0, 7)) {
      throw new AuthenticationFailure("authorization header is not \"Bearer <token>\"");
    }
    String secret = authorization.substring(7).trim();
    if (!TokenSecrets.wellFormed(secret)) {
      throw new AuthenticationFailure("token is malformed (expected: synod_ followed by 43 base64url characters)");
    }
    AclLookupResult found = tokens.lookup(TokenSecrets.sha256(secret));
    AclToken token = found.getToken();
    switch (found.getState()) {
      case TOKEN_ACTIVE -> { }
      case TOKEN_REVOKED -> throw new AuthenticationFailure("token " + token.getAccessorId() + " was revoked");
      case TOKEN_ROTATED -> throw new AuthenticationFailure("token " + token.getAccessorId()
          + " was rotated; its old secret is no longer valid");
      default -> throw new AuthenticationFailure("token not recognised by this cluster");
    }
    long expires = token.getExpiresAtUnixMs();
    if (expires != 0 && clock.millis() >= expires) {
      throw new AuthenticationFailure("token " + token.getAccessorId() + " expired at " + Instant.ofEpochMilli(expires));
    }
    return Identity.token(Role.fromProto(token.getRole()), token.getAccessorId());
  }

  private Identity fromCertificate(X509Certificate cert) throws AuthenticationFailure {
    SpiffeId id;
    try {
      id = SpiffeId.fromCertificate(cert)
          .orElseThrow(() -> new AuthenticationFailure("client certificate has no spiffe:// URI SAN"));
    } catch (CertificateException e) {
      throw new AuthenticationFailure("client certificate: " + e.getMessage());
    }
    if (!id.clusterId().equals(clusterId)) {
      throw new AuthenticationFailure("client certificate " + id + " belongs to cluster " + id.clusterId()
          + ", not " + clusterId);
    }
    return Identity.certificate(id.role(), id.toString());
  }

  private static Optional<X509Certificate> peerCertificate(SSLSession tls) {
    if (tls == null) {
      return Optional.empty();
    }
    try {
      Certificate[] chain = tls.getPeerCertificates();
      return chain.length > 0 && chain[0] instanceof X509Certificate x ? Optional.of(x) : Optional.empty();
    } catch (SSLPeerUnverifiedException e) {
      // The client sent no certificate (client auth is optional on the API port).
      return Optional.empty();
    }
  }
}
