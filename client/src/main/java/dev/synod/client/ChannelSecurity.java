package dev.synod.client;

import dev.synod.security.tls.TlsCredentials;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.InsecureChannelCredentials;
import io.grpc.TlsChannelCredentials;
import io.grpc.netty.shaded.io.grpc.netty.NettyChannelBuilder;
import java.util.ArrayList;
import java.util.List;

/**
 * How a client's channels are secured, chosen explicitly: TLS, insecure plaintext, or a caller's own
 * {@link ChannelFactory} that secures its channels itself. Plaintext is never a silent default.
 */
record ChannelSecurity(ChannelFactory factory, CallCredentials callCredentials) {
  static final String NOT_CHOSEN = "transport: not chosen (expected: tls(credentials) to verify the"
      + " cluster's certificates, or insecurePlaintext() for a development cluster without TLS)";
  static final String TOKEN_NEEDS_TLS = "token: a bearer token is only sent over TLS; set tls(...)";

  /**
   * @param tls TLS credentials, or null
   * @param plaintext whether insecurePlaintext() was called
   * @param custom a caller's channel factory, or null
   * @param token a bearer token's secret, or null
   */
  static ChannelSecurity choose(TlsCredentials tls, boolean plaintext, ChannelFactory custom, String token) {
    List<String> chosen = new ArrayList<>();
    if (tls != null) {
      chosen.add("tls(...)");
    }
    if (plaintext) {
      chosen.add("insecurePlaintext()");
    }
    if (custom != null) {
      chosen.add("channelFactory(...)");
    }
    if (token != null && (plaintext || chosen.isEmpty())) {
      throw new IllegalStateException(TOKEN_NEEDS_TLS);
    }
    if (chosen.isEmpty()) {
      throw new IllegalStateException(NOT_CHOSEN);
    }
    if (chosen.size() > 1) {
      throw new IllegalStateException("transport: " + String.join(" and ", chosen)
          + " both set (expected: exactly one of tls(...), insecurePlaintext() or channelFactory(...))");
    }
    // With a custom factory the token is still guarded: BearerToken withholds it from unencrypted transports.
    CallCredentials bearer = token == null ? null : new BearerToken(token);
    if (tls != null) {
      return new ChannelSecurity(netty(tls(tls)), bearer);
    }
    return new ChannelSecurity(plaintext ? netty(InsecureChannelCredentials.create()) : custom, bearer);
  }

  /**
   * Our trust manager checks the peer's SPIFFE id (a server of the cluster), not its host name:
   * grpc-java asks the engine for HTTPS endpoint identification, but the JDK and netty's OpenSSL
   * engine both leave that check to an {@code X509ExtendedTrustManager}, and ours skips it by design.
   */
  private static ChannelCredentials tls(TlsCredentials credentials) {
    return TlsChannelCredentials.newBuilder().trustManager(credentials.trustManager())
        .keyManager(new IdentityKeyManager(credentials)).build();
  }

  private static ChannelFactory netty(ChannelCredentials credentials) {
    return target -> NettyChannelBuilder.forTarget("dns:///" + target, credentials).build();
  }
}
