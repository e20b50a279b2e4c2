package dev.synod.consensus;

import dev.synod.security.identity.Role;
import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.TlsCredentials;

/** Raft TLS for test nodes: each presents its own server certificate and admits only servers of the same CA. */
final class RaftTestTls {
  /** The one cluster id of these tests, so a second CA differs from the first by nothing but its keys. */
  static final String CLUSTER = "test-cluster";

  private RaftTestTls() {}

  /** Raft TLS of node {@code name} under {@code pki}. */
  static RaftTls of(TestPki pki, String name) {
    TlsCredentials credentials = pki.clientCredentials(pki.issue(Role.SERVER, name));
    return new RaftTls(credentials.keyManager().orElseThrow(), credentials.trustManager());
  }

  /** Settings for node {@code name} of a test cluster under {@code pki}. */
  static ConsensusSettings settings(TestPki pki, String name) {
    return ConsensusSettings.lan().toBuilder().tls(of(pki, name)).build();
  }
}
