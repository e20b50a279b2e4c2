package dev.synod.membership;

import java.util.Objects;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Mutual TLS for gossip. Every member both accepts and opens gossip connections, so the same
 * pair serves both ends: {@code keyManager} presents this member's certificate (as server and as
 * client), and {@code trustManager} decides who is a member. The trust manager is the whole
 * identity check (chain to the cluster CA and the peer's role); the transport adds no hostname
 * check of its own.
 */
public record GossipTls(X509KeyManager keyManager, X509TrustManager trustManager) {

  public GossipTls {
    Objects.requireNonNull(keyManager, "keyManager");
    Objects.requireNonNull(trustManager, "trustManager");
  }

  @Override
  public String toString() {
    // Key material has no useful text form; say which managers are in use.
    return "GossipTls[keyManager=" + keyManager.getClass().getName()
        + ", trustManager=" + trustManager.getClass().getName() + "]";
  }
}
