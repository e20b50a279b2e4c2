package dev.synod.consensus;

import java.util.Objects;
import javax.net.ssl.X509KeyManager;
import javax.net.ssl.X509TrustManager;

/**
 * Mutual TLS for all of a node's Raft traffic: {@code keyManager} supplies the certificate it presents both as a
 * server and as a client, {@code trustManager} decides which peers are admitted on either side.
 *
 * <p>Nothing checks host names on top of the trust manager: peers are dialled by addresses their certificates need
 * not list, so the trust manager must do the whole identity check itself. Pass an
 * {@link javax.net.ssl.X509ExtendedTrustManager}: the JDK's TLS provider wraps a plain {@link X509TrustManager} in
 * one that adds host name verification.
 */
public record RaftTls(X509KeyManager keyManager, X509TrustManager trustManager) {
  public RaftTls {
    Objects.requireNonNull(keyManager, "keyManager");
    Objects.requireNonNull(trustManager, "trustManager");
  }

  /** Key material stays out of logs. */
  @Override
  public String toString() {
    return "RaftTls[mutual, trustManager=" + trustManager.getClass().getSimpleName() + "]";
  }
}
