package dev.synod.membership;

import io.netty.handler.ssl.ClientAuth;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import javax.net.ssl.SSLException;
import reactor.netty.tcp.SslProvider;

/** Builds the server and client TLS set-ups of one gossip transport from its {@link GossipTls}. */
final class GossipTlsContexts {

  /** TLS 1.3 first; 1.2 only for peers whose JDK or policy lacks 1.3. Nothing older. */
  private static final String[] PROTOCOLS = {"TLSv1.3", "TLSv1.2"};

  private GossipTlsContexts() {}

  /** Accepting side: presents our certificate and requires one from every peer. */
  static SslProvider server(GossipTls tls, long handshakeTimeoutMillis) {
    SslContextBuilder builder = SslContextBuilder.forServer(tls.keyManager())
        .trustManager(tls.trustManager())
        .clientAuth(ClientAuth.REQUIRE);
    return provider(build(builder, "server"), handshakeTimeoutMillis);
  }

  /** Connecting side: presents our certificate and checks the peer's with the same trust manager. */
  static SslProvider client(GossipTls tls, long handshakeTimeoutMillis) {
    SslContextBuilder builder = SslContextBuilder.forClient()
        .keyManager(tls.keyManager())
        .trustManager(tls.trustManager())
        // No hostname verification (netty 4.1's client default, made explicit): gossip peers are
        // dialled by IP, and the trust manager already checks who they are (CA and role).
        .endpointIdentificationAlgorithm(null);
    return provider(build(builder, "client"), handshakeTimeoutMillis);
  }

  private static SslContext build(SslContextBuilder builder, String side) {
    try {
      return builder
          // The JDK engine hands the SSLEngine to X509Extended managers and needs no native library.
          .sslProvider(io.netty.handler.ssl.SslProvider.JDK)
          .protocols(PROTOCOLS)
          .build();
    } catch (SSLException e) {
      throw new IllegalArgumentException("gossip TLS: could not build the " + side + " context: " + e.getMessage(), e);
    }
  }

  private static SslProvider provider(SslContext context, long handshakeTimeoutMillis) {
    // A peer that cannot finish a handshake within the connect timeout is as unreachable as one
    // that cannot connect; reactor-netty's 10 s default would let a silent client hold a slot.
    return SslProvider.builder().sslContext(context).handshakeTimeoutMillis(handshakeTimeoutMillis).build();
  }
}
