package dev.synod.membership;

import dev.synod.security.identity.Role;
import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.TlsCredentials;

/** Gossip TLS for test members, issued by a shared {@link TestPki}. */
final class GossipTestTls {
  private GossipTestTls() {}

  /** Presents spiffe://cluster/role/name and admits only servers of {@code pki}'s cluster. */
  static GossipTls of(TestPki pki, Role role, String name) {
    TlsCredentials credentials = pki.clientCredentials(pki.issue(role, name));
    return new GossipTls(credentials.keyManager().orElseThrow(), credentials.trustManager());
  }
}
