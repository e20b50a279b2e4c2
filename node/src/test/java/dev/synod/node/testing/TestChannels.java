package dev.synod.node.testing;

import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.TlsCredentials;
import io.grpc.CallCredentials;
import io.grpc.ChannelCredentials;
import io.grpc.CompositeChannelCredentials;
import io.grpc.Grpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.TlsChannelCredentials;
import java.util.concurrent.Executor;

/** Raw gRPC channels for tests that present a {@link TestPki} certificate, a bearer token, both or neither. */
public final class TestChannels {
  private TestChannels() {}

  /** A channel to {@code target} trusting {@code pki}'s servers; {@code identity} and {@code token} may each be null. */
  public static ManagedChannel open(TestPki pki, String target, CertificateMaterial identity, String token) {
    TlsCredentials creds = pki.clientCredentials(identity);
    TlsChannelCredentials.Builder tls = TlsChannelCredentials.newBuilder().trustManager(creds.trustManager());
    creds.keyManager().ifPresent(tls::keyManager);
    ChannelCredentials channelCredentials = token == null ? tls.build()
        : CompositeChannelCredentials.create(tls.build(), bearer(token));
    return Grpc.newChannelBuilder(target, channelCredentials).build();
  }

  public static CallCredentials bearer(String token) {
    return new CallCredentials() {
      @Override
      public void applyRequestMetadata(RequestInfo info, Executor executor, MetadataApplier applier) {
        Metadata m = new Metadata();
        m.put(Metadata.Key.of("authorization", Metadata.ASCII_STRING_MARSHALLER), "Bearer " + token);
        applier.apply(m);
      }
    };
  }
}
