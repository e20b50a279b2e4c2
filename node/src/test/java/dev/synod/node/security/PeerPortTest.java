package dev.synod.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synod.membership.GossipTls;
import dev.synod.membership.MemberInfo;
import dev.synod.membership.MembershipSettings;
import dev.synod.membership.ScalecubeMembership;
import dev.synod.node.SynodAgent;
import dev.synod.node.cluster.SynodClusterExtension;
import dev.synod.security.identity.Role;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.testing.LogCapture;
import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.TlsCredentials;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.net.SocketTimeoutException;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import javax.net.ssl.KeyManager;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** Raft and gossip ports admit only translation nodes of this cluster. */
class PeerPortTest {
  @RegisterExtension
  final SynodClusterExtension cluster = SynodClusterExtension.nodes(3);

  @TempDir
  Path tmp;

  private LogCapture logs;

  @BeforeEach
  void capture() {
    logs = LogCapture.open();
    cluster.awaitLeader();
  }

  @AfterEach
  void clusterStillWorks() {
    try {
      cluster.client().put(dev.synod.proto.v1.PutRequest.newBuilder()
          .setKey(com.google.protobuf.ByteString.copyFromUtf8("still-working"))
          .setValue(com.google.protobuf.ByteString.copyFromUtf8("v")).build());
      assertThat(cluster.running()).allMatch(a -> a.membership().members().size() == 3);
    } finally {
      logs.close();
    }
  }

  @Test
  void nonMemberCannotSpeakRaft() throws Exception {
    SynodAgent node = cluster.running().get(0);
    int raftPort = node.config().raftPort();
    TestPki other = TestPki.create("test", tmp.resolve("other"));
    assertThat(refused(raftPort, cluster.pki().clientCredentials(other.issue(Role.SERVER, "intruder")))).isTrue();
    assertThat(refused(raftPort, cluster.pki().clientCredentials(null))).isTrue();
    assertThat(refused(raftPort, cluster.pki().clientCredentials(cluster.pki().issue(Role.WORKER, "w")))).isTrue();
    await().atMost(Duration.ofSeconds(5)).until(() -> logs.contains("TLS peer rejected", "worker"));
    assertThat(plaintextRefused(raftPort)).isTrue();
  }

  @Test
  void nonMemberCannotJoinGossipOrReadMembership() {
    TestPki other = TestPki.create("test", tmp.resolve("other"));
    CertificateMaterial intruderCert = other.issue(Role.SERVER, "intruder");
    // Trusts the cluster's CA, so any refusal comes from the cluster's side, not the intruder's.
    TlsCredentials creds = cluster.pki().clientCredentials(intruderCert);
    SynodAgent node = cluster.running().get(0);
    String seed = "127.0.0.1:" + node.config().gossipPort();
    MembershipSettings settings = MembershipSettings.local().toBuilder().bindHost("127.0.0.1").port(0)
        .seeds(List.of(seed)).namespace("test")
        .tls(new GossipTls(creds.keyManager().orElseThrow(), creds.trustManager())).build();
    MemberInfo intruderInfo = new MemberInfo("intruder", "test", "127.0.0.1:1", "127.0.0.1:2", "127.0.0.1:3",
        "0", Map.of());
    try (ScalecubeMembership intruder = ScalecubeMembership.start(settings, intruderInfo)) {
      await().during(Duration.ofSeconds(6)).atMost(Duration.ofSeconds(8)).until(() ->
          intruder.members().size() <= 1 && cluster.running().stream().allMatch(a -> a.membership().members()
              .stream().noneMatch(m -> m.info().nodeId().equals("intruder"))));
    }
    assertThat(logs.contains("TLS peer rejected")).isTrue();
  }

  @Test
  void forgedGossipFramesAreRefused() throws IOException {
    SynodAgent node = cluster.running().get(0);
    assertThat(plaintextRefused(node.config().gossipPort())).isTrue();
  }

  /** True if the port refuses a TLS peer with these credentials: the handshake or the first read fails. */
  private static boolean refused(int port, TlsCredentials creds) throws Exception {
    SSLContext ctx = SSLContext.getInstance("TLS");
    KeyManager[] km = creds.keyManager().map(k -> new KeyManager[] {k}).orElse(new KeyManager[0]);
    ctx.init(km, new TrustManager[] {creds.trustManager()}, null);
    try (SSLSocket socket = (SSLSocket) ctx.getSocketFactory().createSocket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(5000);
      socket.startHandshake();
      // With TLS 1.3 the server judges the client certificate after the client's side of the handshake.
      socket.getOutputStream().write("PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes());
      socket.getOutputStream().flush();
      return socket.getInputStream().read() == -1;
    } catch (SocketTimeoutException e) {
      return false; // still connected and silent: not refused
    } catch (IOException e) {
      return true;
    }
  }

  /** True if a plaintext peer that sends a well-formed length-prefixed frame gets the connection closed. */
  private static boolean plaintextRefused(int port) throws IOException {
    try (Socket socket = new Socket()) {
      socket.connect(new InetSocketAddress("127.0.0.1", port), 5000);
      socket.setSoTimeout(5000);
      DataOutputStream out = new DataOutputStream(socket.getOutputStream());
      byte[] forged = "{\"qualifier\":\"sc/membership/sync\",\"data\":\"forged\"}".getBytes();
      out.writeInt(forged.length);
      out.write(forged);
      out.flush();
      InputStream in = socket.getInputStream();
      int b;
      do {
        b = in.read();
      } while (b != -1);
      return true;
    } catch (SocketTimeoutException e) {
      return false; // the forged frame was swallowed and the connection kept open
    } catch (IOException e) {
      return true;
    }
  }
}
