package dev.synod.membership;

import static dev.synod.membership.MembershipContract.info;
import static dev.synod.membership.MembershipContract.nodeIds;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import dev.synod.membership.MembershipEvent.Type;
import dev.synod.security.identity.Role;
import dev.synod.security.testing.LogCapture;
import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.PeerTrustManager;
import io.scalecube.cluster.transport.api.Message;
import java.io.ByteArrayOutputStream;
import java.io.DataOutputStream;
import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.Socket;
import java.net.SocketException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLException;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Gossip over mutual TLS: members of the cluster CA with role server get in; nobody else does. */
class GossipTlsMembershipTest {

  private static final Duration SPREAD = Duration.ofSeconds(15);
  /** How long a refused node keeps knocking while we watch that nobody lets it in. */
  private static final Duration REFUSAL_WINDOW = Duration.ofSeconds(10);
  /** How long a forged frame gets to show up in a member's view, were it accepted. */
  private static final Duration FORGERY_WINDOW = Duration.ofSeconds(2);
  private static final TestPki CLUSTER_CA = TestPki.create(MembershipContract.CLUSTER);

  private final List<ScalecubeMembership> started = new ArrayList<>();
  private final LogCapture logs = LogCapture.of(TlsFailureLogger.class, PeerTrustManager.class);

  @AfterEach
  void closeAll() {
    logs.close();
    CompletableFuture.allOf(started.stream().map(m -> CompletableFuture.runAsync(m::close)).toArray(CompletableFuture[]::new)).join();
  }

  @Test
  void membersWithClusterCertificatesSeeEachOtherShareTagsAndSeeALeave() {
    List<ScalecubeMembership> cluster = startCluster("t1", "t2", "t3");
    for (ScalecubeMembership observer : cluster) {
      for (ScalecubeMembership other : cluster) {
        assertThat(observer.members()).contains(new Member(other.local(), MemberStatus.ALIVE));
      }
    }
    EventLog atT1 = new EventLog();
    cluster.get(0).subscribe(atT1);

    cluster.get(1).updateTags(Map.of("zone", "z9"));
    await().atMost(SPREAD).untilAsserted(() -> {
      assertThat(cluster.get(0).members()).contains(new Member(cluster.get(1).local(), MemberStatus.ALIVE));
      assertThat(cluster.get(2).members()).contains(new Member(cluster.get(1).local(), MemberStatus.ALIVE));
    });

    cluster.get(2).close();
    await().atMost(SPREAD).until(() -> atT1.typesFor("t3").contains(Type.LEFT));
    assertThat(atT1.typesFor("t3")).containsExactly(Type.JOINED, Type.LEAVING, Type.LEFT);
    await().atMost(SPREAD).untilAsserted(() -> {
      assertThat(nodeIds(cluster.get(0))).containsExactly("t1", "t2");
      assertThat(nodeIds(cluster.get(1))).containsExactly("t1", "t2");
    });
    assertThat(logs.lines()).as("members never refuse each other").isEmpty();
  }

  @Test
  void aNodeWithACertificateFromAnotherCaCannotJoin() {
    List<ScalecubeMembership> cluster = startCluster("c1", "c2", "c3");

    ScalecubeMembership outsider = start("outsider", GossipTestTls.of(TestPki.create(MembershipContract.CLUSTER), Role.SERVER, "outsider"), cluster);

    assertNeverAdmitted(cluster, outsider);
    assertThat(logs.lines()).anySatisfy(line -> assertThat(line).startsWith("WARN gossip TLS connection from 127.0.0.1:"));
    assertStillGossiping(cluster);
  }

  @Test
  void aNodeWithAWorkerCertificateFromTheClusterCaCannotJoin() {
    List<ScalecubeMembership> cluster = startCluster("w1", "w2", "w3");

    ScalecubeMembership worker = start("worker", GossipTestTls.of(CLUSTER_CA, Role.WORKER, "x"), cluster);

    assertNeverAdmitted(cluster, worker);
    // The members' trust manager says why: the chain is fine, the role is not.
    assertThat(logs.lines()).anySatisfy(line -> assertThat(line)
        .startsWith("WARN TLS peer rejected").contains("spiffe://synod-test/worker/x has role worker (allowed: server)"));
    assertStillGossiping(cluster);
  }

  @Test
  void forgedPlaintextFramesAreDroppedAndTheConnectionClosed() throws Exception {
    List<ScalecubeMembership> cluster = startCluster("p1", "p2", "p3");
    ScalecubeMembership target = cluster.get(0);
    List<Member> before = target.members();
    byte[] arbitrary = "join me, I am p9".getBytes(StandardCharsets.UTF_8);
    Message forged = Message.withData("forged").qualifier("sc/membership/sync").header("sender", "127.0.0.1:1").build();

    for (byte[] payload : List.of(arbitrary, encode(forged))) {
      try (Socket socket = new Socket(InetAddress.getLoopbackAddress(), port(target))) {
        socket.setSoTimeout(10_000);
        socket.getOutputStream().write(lengthPrefixed(payload));
        socket.getOutputStream().flush();

        readUntilClosedByPeer(socket.getInputStream());
        assertRefusalLoggedOnce(socket);
      }
    }

    await().during(FORGERY_WINDOW).atMost(FORGERY_WINDOW.plusSeconds(5)).until(() -> target.members().equals(before));
    assertThat(logs.lines()).anySatisfy(line -> assertThat(line).contains("NotSslRecordException"));
    assertStillGossiping(cluster);
  }

  @Test
  void aTlsClientWithoutACertificateFailsTheHandshake() throws Exception {
    List<ScalecubeMembership> cluster = startCluster("h1", "h2", "h3");
    ScalecubeMembership target = cluster.get(0);
    List<Member> before = target.members();
    // Trusts the members' certificates, so only the missing client certificate can fail it.
    SSLContext noIdentity = SSLContext.getInstance("TLS");
    noIdentity.init(null, new TrustManager[] {CLUSTER_CA.clientCredentials(null).trustManager()}, null);

    try (SSLSocket socket = (SSLSocket) noIdentity.getSocketFactory().createSocket(InetAddress.getLoopbackAddress(), port(target))) {
      socket.setSoTimeout(10_000);
      // TLS 1.3: the client side may finish before the server has judged its (empty) certificate;
      // the refusal then arrives as an alert on the first read.
      assertThatThrownBy(() -> {
        socket.startHandshake();
        socket.getOutputStream().write(lengthPrefixed(encode(Message.withData("hi").qualifier("sc/test").build())));
        socket.getInputStream().read();
      }).isInstanceOf(SSLException.class);
      assertRefusalLoggedOnce(socket);
    }

    await().during(FORGERY_WINDOW).atMost(FORGERY_WINDOW.plusSeconds(5)).until(() -> target.members().equals(before));
    assertStillGossiping(cluster);
  }

  /** Starts members with cluster certificates (role server), each joining through the first. */
  private List<ScalecubeMembership> startCluster(String... nodeIds) {
    List<ScalecubeMembership> cluster = new ArrayList<>();
    for (String nodeId : nodeIds) {
      cluster.add(start(nodeId, GossipTestTls.of(CLUSTER_CA, Role.SERVER, nodeId), cluster.isEmpty() ? List.of() : List.of(cluster.get(0))));
    }
    await().atMost(SPREAD).untilAsserted(() -> {
      for (ScalecubeMembership m : cluster) {
        assertThat(nodeIds(m)).containsExactly(nodeIds);
      }
    });
    return cluster;
  }

  private ScalecubeMembership start(String nodeId, GossipTls tls, List<ScalecubeMembership> seeds) {
    MembershipSettings settings = MembershipSettings.local().toBuilder()
        .tls(tls)
        .seeds(seeds.stream().map(s -> s.local().gossipAddress()).toList())
        .build();
    ScalecubeMembership m = ScalecubeMembership.start(settings, info(nodeId));
    started.add(m);
    return m;
  }

  /** For the whole window, no member lists {@code refused} and it lists nobody but itself. */
  private static void assertNeverAdmitted(List<ScalecubeMembership> cluster, ScalecubeMembership refused) {
    String refusedId = refused.local().nodeId();
    await().during(REFUSAL_WINDOW).atMost(REFUSAL_WINDOW.plusSeconds(5)).untilAsserted(() -> {
      for (ScalecubeMembership m : cluster) {
        assertThat(nodeIds(m)).doesNotContain(refusedId);
      }
      assertThat(nodeIds(refused)).containsExactly(refusedId);
    });
    assertThat(refused.joinedAnySeed()).isFalse();
  }

  /** A tag update still reaches every member: the refusals cost the cluster nothing. */
  private static void assertStillGossiping(List<ScalecubeMembership> cluster) {
    ScalecubeMembership last = cluster.get(cluster.size() - 1);
    last.updateTags(Map.of("zone", "after-the-attack"));
    await().atMost(SPREAD).untilAsserted(() -> {
      for (ScalecubeMembership m : cluster) {
        assertThat(m.members()).contains(new Member(last.local(), MemberStatus.ALIVE));
      }
    });
  }

  /** The member logged this connection's failure once, naming the address it came from. */
  private void assertRefusalLoggedOnce(Socket socket) {
    String from = "WARN gossip TLS connection from 127.0.0.1:" + socket.getLocalPort() + " failed: ";
    await().atMost(Duration.ofSeconds(5)).untilAsserted(() ->
        assertThat(logs.lines()).filteredOn(line -> line.startsWith(from)).hasSize(1));
  }

  private static void readUntilClosedByPeer(InputStream in) throws IOException {
    byte[] buffer = new byte[1024];
    try {
      while (in.read(buffer) >= 0) {
        // Whatever the member sends back (a TLS alert at most) is drained until it closes.
      }
    } catch (SocketException reset) {
      assertThat(reset.getMessage()).as("the member closed the connection").contains("reset");
    }
  }

  private static byte[] encode(Message message) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    new GossipMessageCodec().serialize(message, out);
    return out.toByteArray();
  }

  private static byte[] lengthPrefixed(byte[] payload) throws IOException {
    ByteArrayOutputStream frame = new ByteArrayOutputStream();
    DataOutputStream out = new DataOutputStream(frame);
    out.writeInt(payload.length);
    out.write(payload);
    return frame.toByteArray();
  }

  private static int port(ScalecubeMembership member) {
    return HostPort.port(member.local().gossipAddress());
  }
}
