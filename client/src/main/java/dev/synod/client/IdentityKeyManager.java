package dev.synod.client;

import dev.synod.security.tls.TlsCredentials;
import java.net.Socket;
import java.security.Principal;
import java.security.PrivateKey;
import java.security.cert.X509Certificate;
import java.util.Optional;
import javax.net.ssl.SSLEngine;
import javax.net.ssl.X509ExtendedKeyManager;

/**
 * Asks the credentials for their key manager at each handshake rather than once, so an identity
 * that arrives after the client was built (a first certificate from a join token, see
 * {@code CertificateRenewer}) is presented on the next connection. Without one, no client
 * certificate is sent.
 */
final class IdentityKeyManager extends X509ExtendedKeyManager {
  private final TlsCredentials credentials;

  IdentityKeyManager(TlsCredentials credentials) {
    this.credentials = credentials;
  }

  private Optional<X509ExtendedKeyManager> current() {
    return credentials.keyManager();
  }

  @Override
  public String chooseEngineClientAlias(String[] keyType, Principal[] issuers, SSLEngine engine) {
    return current().map(km -> km.chooseEngineClientAlias(keyType, issuers, engine)).orElse(null);
  }

  @Override
  public String chooseClientAlias(String[] keyType, Principal[] issuers, Socket socket) {
    return current().map(km -> km.chooseClientAlias(keyType, issuers, socket)).orElse(null);
  }

  @Override
  public String[] getClientAliases(String keyType, Principal[] issuers) {
    return current().map(km -> km.getClientAliases(keyType, issuers)).orElse(null);
  }

  @Override
  public X509Certificate[] getCertificateChain(String alias) {
    return current().map(km -> km.getCertificateChain(alias)).orElse(null);
  }

  @Override
  public PrivateKey getPrivateKey(String alias) {
    return current().map(km -> km.getPrivateKey(alias)).orElse(null);
  }

  // A client never acts as a TLS server.
  @Override
  public String chooseEngineServerAlias(String keyType, Principal[] issuers, SSLEngine engine) {
    return null;
  }

  @Override
  public String chooseServerAlias(String keyType, Principal[] issuers, Socket socket) {
    return null;
  }

  @Override
  public String[] getServerAliases(String keyType, Principal[] issuers) {
    return null;
  }
}
