package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static dev.synod.consensus.ListStateMachine.text;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.security.identity.Role;
import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.TlsCredentials;
import java.io.IOException;
import java.net.InetSocketAddress;
import java.net.Socket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLParameters;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.retry.RetryPolicies;
import org.apache.ratis.util.TimeDuration;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Only holders of a server certificate from the cluster CA can talk Raft to a node with TLS: a plaintext client,
 * a certificate from another CA and no certificate at all are each refused, and the group keeps working.
 */
class RaftPortRefusesNonMembersTest {
  private static final byte[] HTTP2_PREFACE = "PRI * HTTP/2.0\r\n\r\nSM\r\n\r\n".getBytes(StandardCharsets.US_ASCII);
  private static final int READ_TIMEOUT_MILLIS = 10_000;

  @TempDir
  static Path dir;
  static TestPki pki;
  static TestCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    pki = TestPki.create(RaftTestTls.CLUSTER);
    cluster = TestCluster.start(dir, 3, id -> RaftTestTls.settings(pki, id));
    cluster.awaitLeader();
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @AfterEach
  void groupStillAcceptsWrites() throws Exception {
    String value = "after-" + UUID.randomUUID();
    WriteResult w = cluster.aFollower().write(add(value)).get(30, TimeUnit.SECONDS);
    assertThat(text(w.result())).startsWith("ok:");
  }

  @Test
  void plaintextRatisClientIsRefused() throws Exception {
    RaftNode leader = cluster.awaitLeader();

    try (RaftClient plaintext = plaintextClient(cluster.member(leader.nodeId()).address)) {
      assertThat(plaintext.async().send(Message.valueOf("add:intruder")))
          .failsWithin(Duration.ofSeconds(30))
          .withThrowableOfType(ExecutionException.class);
    }
    assertThat(parseAll(leader.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS))).doesNotContain("intruder");
  }

  @Test
  void plaintextHttp2ConnectionIsClosed() throws Exception {
    try (Socket socket = new Socket()) {
      socket.connect(raftAddress(cluster.awaitLeader()));
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      socket.getOutputStream().write(HTTP2_PREFACE);
      socket.getOutputStream().flush();

      // Reads to end of stream: a server that kept the connection open would time out here instead.
      byte[] answer = socket.getInputStream().readAllBytes();
      assertThat(answer).as("what the server sent before closing").isEmpty();
    }
  }

  @Test
  void certificateFromAnotherCaIsRefused() throws Exception {
    TestPki otherCa = TestPki.create(RaftTestTls.CLUSTER); // same cluster id and role: only the issuing CA is wrong
    SSLContext context = TlsCredentials.sslContext(pki.clientCredentials(otherCa.issue(Role.SERVER, "intruder")));

    // The server's trust manager rejects the chain; BoringSSL reports that to the client as a fatal alert.
    assertThatThrownBy(() -> handshakeAndRead(context, raftAddress(cluster.awaitLeader())))
        .isInstanceOf(SSLException.class).hasMessageContaining("Received fatal alert");
  }

  @Test
  void clientWithoutCertificateIsRefused() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {pki.clientCredentials(null).trustManager()}, null);

    assertThatThrownBy(() -> handshakeAndRead(context, raftAddress(cluster.awaitLeader())))
        .isInstanceOf(SSLException.class).hasMessageContaining("certificate_required");
  }

  /** The control for the two cases above: the same probe with a cluster certificate gets HTTP/2 from the server. */
  @Test
  void clusterServerCertificateIsAdmitted() throws Exception {
    SSLContext context = TlsCredentials.sslContext(pki.clientCredentials(pki.issue(Role.SERVER, "probe")));

    assertThat(handshakeAndRead(context, raftAddress(cluster.awaitLeader())))
        .as("first byte of the server's HTTP/2 settings frame").isNotNegative();
  }

  /** Handshakes (offering h2, as gRPC requires) and reads one byte; a refused client certificate fails here. */
  private static int handshakeAndRead(SSLContext context, InetSocketAddress address) throws IOException {
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket(address.getAddress(), address.getPort())) {
      socket.setSoTimeout(READ_TIMEOUT_MILLIS);
      SSLParameters parameters = socket.getSSLParameters();
      parameters.setApplicationProtocols(new String[] {"h2"});
      socket.setSSLParameters(parameters);
      // With TLS 1.3 the client finishes its side first; the server's refusal arrives as an alert on the next read.
      socket.startHandshake();
      return socket.getInputStream().read();
    }
  }

  private static InetSocketAddress raftAddress(RaftNode node) {
    HostPort hp = HostPort.parse("address", cluster.member(node.nodeId()).address.address());
    return new InetSocketAddress(hp.host(), hp.port());
  }

  /** A Ratis client of the right group and peer, without TLS, that gives up after one attempt. */
  private static RaftClient plaintextClient(PeerAddress target) {
    RaftProperties properties = new RaftProperties();
    RaftClientConfigKeys.Rpc.setRequestTimeout(properties, TimeDuration.valueOf(3, TimeUnit.SECONDS));
    RaftGroupId groupId = RaftGroupId.valueOf(
        UUID.nameUUIDFromBytes(TestCluster.GROUP.getBytes(StandardCharsets.UTF_8)));
    RaftPeer peer = RaftPeer.newBuilder().setId(target.id()).setAddress(target.address()).build();
    return RaftClient.newBuilder().setRaftGroup(RaftGroup.valueOf(groupId, peer)).setProperties(properties)
        .setRetryPolicy(RetryPolicies.noRetry()).build();
  }
}
