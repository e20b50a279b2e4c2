package dev.synod.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.synod.node.SynodAgent;
import dev.synod.node.cluster.SynodClusterExtension;
import dev.synod.node.testing.TestChannels;
import dev.synod.proto.v1.KvGrpc;
import dev.synod.proto.v1.WatchRequest;
import dev.synod.proto.v1.WatchResponse;
import dev.synod.proto.v1.WatchTarget;
import dev.synod.security.identity.Role;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.tls.TlsCredentials;
import io.grpc.ManagedChannel;
import io.grpc.stub.StreamObserver;
import java.math.BigInteger;
import java.net.InetSocketAddress;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** A node's certificate replaced on disk is served to new connections without a restart or a dropped stream. */
class CertificateRotationTest {
  @RegisterExtension
  final SynodClusterExtension cluster = SynodClusterExtension.nodes(3);

  @Test
  void rotatedCertificateIsPickedUpWhileAWatchStaysOpen() throws Exception {
    SynodAgent node = cluster.running().get(0);
    cluster.awaitServing();
    CertificateMaterial admin = cluster.pki().issue(Role.ADMIN, "rotation-admin");
    ManagedChannel channel = TestChannels.open(cluster.pki(), node.apiAddress(), admin, null);
    List<WatchResponse> seen = new CopyOnWriteArrayList<>();
    List<Throwable> errors = new CopyOnWriteArrayList<>();
    KvGrpc.newStub(channel).watch(WatchRequest.newBuilder().setTarget(WatchTarget.WATCH_KV)
        .setPrefix(ByteString.copyFromUtf8("rot/")).build(), new StreamObserver<>() {
          @Override
          public void onNext(WatchResponse value) {
            seen.add(value);
          }

          @Override
          public void onError(Throwable t) {
            errors.add(t);
          }

          @Override
          public void onCompleted() {
            errors.add(new IllegalStateException("watch completed"));
          }
        });
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().anyMatch(WatchResponse::getCreated));
    BigInteger before = servedSerial(node, admin);

    CertificateMaterial renewed = cluster.pki().issue(Role.SERVER, node.nodeId());
    cluster.pki().write(node.nodeId(), renewed);
    await().atMost(Duration.ofSeconds(10))
        .until(() -> servedSerial(node, admin).equals(renewed.certificate().getSerialNumber()));
    assertThat(renewed.certificate().getSerialNumber()).isNotEqualTo(before);

    Calls.succeeds(TestChannels.open(cluster.pki(), node.apiAddress(), admin, null), ch -> Calls.put(ch, "rot/after"));
    await().atMost(Duration.ofSeconds(10)).until(() -> seen.stream().flatMap(r -> r.getEventsList().stream())
        .anyMatch(e -> e.getKv().getKv().getKey().toStringUtf8().equals("rot/after")));
    assertThat(errors).isEmpty();
    channel.shutdownNow();
  }

  /** The serial number of the certificate the node's API presents to a new connection. */
  private BigInteger servedSerial(SynodAgent node, CertificateMaterial admin) throws Exception {
    try (TlsCredentials creds = cluster.pki().clientCredentials(admin)) {
      SSLContext ctx = SSLContext.getInstance("TLS");
      ctx.init(new KeyManager[] {creds.keyManager().orElseThrow()}, new TrustManager[] {creds.trustManager()}, null);
      try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket()) {
        socket.connect(new InetSocketAddress("127.0.0.1", node.config().apiPort()), 5000);
        socket.setEnabledProtocols(new String[] {"TLSv1.3"});
        javax.net.ssl.SSLParameters params = socket.getSSLParameters();
        params.setApplicationProtocols(new String[] {"h2"});
        socket.setSSLParameters(params);
        socket.startHandshake();
        return ((X509Certificate) socket.getSession().getPeerCertificates()[0]).getSerialNumber();
      }
    }
  }
}
