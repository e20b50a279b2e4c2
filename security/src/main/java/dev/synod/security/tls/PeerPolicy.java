package dev.synod.security.tls;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.util.EnumSet;
import java.util.Set;
import java.util.stream.Collectors;

/** Which SPIFFE ids may connect: one cluster, a set of roles. Applied after the chain is trusted. */
public final class PeerPolicy {
  private final String clusterId;
  private final Set<Role> roles;

  private PeerPolicy(String clusterId, Set<Role> roles) {
    this.clusterId = SpiffeId.requireValidSegment("clusterId", clusterId);
    if (roles == null || roles.isEmpty()) {
      throw new IllegalArgumentException("roles: " + roles + " (expected: at least one role)");
    }
    this.roles = Set.copyOf(EnumSet.copyOf(roles));
  }

  /** Peers must be servers of this cluster: Raft and gossip between nodes. */
  public static PeerPolicy servers(String clusterId) {
    return new PeerPolicy(clusterId, EnumSet.of(Role.SERVER));
  }

  /** Any role of this cluster: the client-facing API, where authorization happens per call. */
  public static PeerPolicy anyRole(String clusterId) {
    return new PeerPolicy(clusterId, EnumSet.allOf(Role.class));
  }

  public static PeerPolicy roles(String clusterId, Set<Role> roles) {
    return new PeerPolicy(clusterId, roles);
  }

  public String clusterId() {
    return clusterId;
  }

  public Set<Role> allowedRoles() {
    return roles;
  }

  /** The peer's SPIFFE id when the policy admits it; otherwise says why not. */
  public SpiffeId check(X509Certificate leaf) throws CertificateException {
    SpiffeId id = SpiffeId.fromCertificate(leaf)
        .orElseThrow(() -> new CertificateException("certificate " + describe(leaf)
            + " has no SPIFFE id (expected: a URI SAN spiffe://" + clusterId + "/<role>/<name>)"));
    if (!id.clusterId().equals(clusterId)) {
      throw new CertificateException("SPIFFE id " + id + " belongs to cluster \"" + id.clusterId()
          + "\" (expected: cluster \"" + clusterId + "\")");
    }
    if (!roles.contains(id.role())) {
      throw new CertificateException("SPIFFE id " + id + " has role " + id.role().wireName()
          + " (allowed: " + roleNames() + ")");
    }
    return id;
  }

  private String roleNames() {
    return roles.stream().sorted().map(Role::wireName).collect(Collectors.joining(", "));
  }

  static String describe(X509Certificate cert) {
    return cert.getSubjectX500Principal().getName() + " (serial " + cert.getSerialNumber().toString(16) + ")";
  }

  @Override
  public String toString() {
    return "PeerPolicy[cluster " + clusterId + ", roles " + roleNames() + "]";
  }
}
