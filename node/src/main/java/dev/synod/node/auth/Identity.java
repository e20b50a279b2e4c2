package dev.synod.node.auth;

import dev.synod.security.identity.Role;
import java.util.Objects;

/**
 * Who is calling: the role and name from a certificate's SPIFFE id, from an ACL token, or nobody (a TLS
 * connection without credentials, allowed only on RPCs that say so).
 */
public record Identity(Source source, Role role, String name) {
  public enum Source { CERTIFICATE, TOKEN, ANONYMOUS, INSECURE_DEV }

  public Identity {
    Objects.requireNonNull(source, "source");
    Objects.requireNonNull(name, "name");
    if (source != Source.ANONYMOUS) {
      Objects.requireNonNull(role, "role");
    }
  }

  public static Identity certificate(Role role, String spiffeId) {
    return new Identity(Source.CERTIFICATE, role, spiffeId);
  }

  public static Identity token(Role role, String accessorId) {
    return new Identity(Source.TOKEN, role, accessorId);
  }

  public static Identity anonymous(String peer) {
    return new Identity(Source.ANONYMOUS, null, peer);
  }

  /** Plaintext development mode: there is nobody to authenticate, so every caller acts as admin. */
  public static Identity insecureDev() {
    return new Identity(Source.INSECURE_DEV, Role.ADMIN, "insecure-dev");
  }

  public boolean anonymous() {
    return source == Source.ANONYMOUS;
  }

  /** Key that rate limits are kept under: one bucket per certificate, per token, or per anonymous peer host. */
  public String key() {
    return source.name().toLowerCase(java.util.Locale.ROOT) + ":" + name;
  }

  @Override
  public String toString() {
    return switch (source) {
      case CERTIFICATE -> "certificate " + name;
      case TOKEN -> "token " + name + " (" + role.wireName() + ")";
      case ANONYMOUS -> "anonymous caller " + name;
      case INSECURE_DEV -> "insecure-dev caller";
    };
  }
}
