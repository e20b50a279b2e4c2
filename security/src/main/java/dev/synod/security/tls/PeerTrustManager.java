package dev.synod.security.tls;

import java.net.InetSocketAddress;
import java.net.Socket;
import java.security.cert.CertificateException;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.util.List;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedTrustManager;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Trusts a peer whose chain leads to one of the cluster's CAs and whose SPIFFE id the {@link
 * PeerPolicy} admits, on both the client and the server side of a handshake.
 *
 * <p>No host name verification, even when the socket or engine asks for one: peers are identified by
 * their SPIFFE id, and nodes are addressed by IPs and names their certificates need not list.
 */
public final class PeerTrustManager extends X509ExtendedTrustManager {
  private static final Logger log = LoggerFactory.getLogger(PeerTrustManager.class);
  private static final String SERVER_AUTH = "1.3.6.1.5.5.7.3.1";
  private static final String CLIENT_AUTH = "1.3.6.1.5.5.7.3.2";
  private static final String ANY_USAGE = "2.5.29.37.0";

  private final PeerPolicy policy;
  private final Clock clock = Clock.systemUTC();
  private volatile ChainValidator validator;

  private PeerTrustManager(List<X509Certificate> trustedCas, PeerPolicy policy) {
    if (policy == null) {
      throw new IllegalArgumentException("policy: null (expected: a peer policy)");
    }
    this.policy = policy;
    this.validator = new ChainValidator(trustedCas);
  }

  public static PeerTrustManager create(List<X509Certificate> trustedCas, PeerPolicy policy) {
    return new PeerTrustManager(trustedCas, policy);
  }

  public PeerPolicy policy() {
    return policy;
  }

  /** Replaces the trusted CAs; handshakes already past verification are unaffected. */
  public void updateTrusted(List<X509Certificate> trustedCas) {
    this.validator = new ChainValidator(trustedCas);
  }

  public List<X509Certificate> trusted() {
    return validator.cas();
  }

  @Override
  public X509Certificate[] getAcceptedIssuers() {
    return validator.cas().toArray(X509Certificate[]::new);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    verify(chain, CLIENT_AUTH, "clientAuth", null);
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    verify(chain, CLIENT_AUTH, "clientAuth", peer(socket));
  }

  @Override
  public void checkClientTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    verify(chain, CLIENT_AUTH, "clientAuth", peer(engine));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType) throws CertificateException {
    verify(chain, SERVER_AUTH, "serverAuth", null);
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, Socket socket) throws CertificateException {
    verify(chain, SERVER_AUTH, "serverAuth", peer(socket));
  }

  @Override
  public void checkServerTrusted(X509Certificate[] chain, String authType, SSLEngine engine) throws CertificateException {
    verify(chain, SERVER_AUTH, "serverAuth", peer(engine));
  }

  private void verify(X509Certificate[] chain, String usage, String usageName, String peer) throws CertificateException {
    try {
      validator.validate(chain, clock.instant());
      requireUsage(chain[0], usage, usageName);
      policy.check(chain[0]);
    } catch (CertificateException e) {
      log.warn("TLS peer rejected ({}): {}", peer == null ? "unknown peer" : peer, e.getMessage());
      throw e;
    }
  }

  /** A leaf that lists extended key usages must list the side it is acting as. */
  private static void requireUsage(X509Certificate leaf, String usage, String usageName) throws CertificateException {
    List<String> usages = leaf.getExtendedKeyUsage();
    if (usages != null && !usages.contains(usage) && !usages.contains(ANY_USAGE)) {
      throw new CertificateException("certificate " + PeerPolicy.describe(leaf) + " lacks extended key usage "
          + usageName + " (has: " + usages + ")");
    }
  }

  private static String peer(Socket socket) {
    if (socket != null && socket.getRemoteSocketAddress() instanceof InetSocketAddress address) {
      // The address, not a name the socket may have been opened with: logs should show who actually connected.
      String host = address.getAddress() != null ? address.getAddress().getHostAddress() : address.getHostString();
      return hostPort(host, address.getPort());
    }
    return null;
  }

  private static String peer(SSLEngine engine) {
    if (engine == null || engine.getPeerHost() == null) {
      return null;
    }
    return hostPort(engine.getPeerHost(), engine.getPeerPort());
  }

  private static String hostPort(String host, int port) {
    String shown = host.indexOf(':') >= 0 ? "[" + host + "]" : host;
    return port < 0 ? shown : shown + ":" + port;
  }
}
