package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static dev.synod.consensus.ListStateMachine.text;
import static dev.synod.consensus.TestCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synod.security.testing.TestPki;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/**
 * A 3-voter group whose every Raft connection is mutual TLS. The certificates name no host or IP, so this also
 * shows that nothing verifies host names on top of the cluster's trust manager.
 */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class MutualTlsGroupTest {
  @TempDir
  static Path dir;
  static TestPki pki;
  static TestCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    pki = TestPki.create(RaftTestTls.CLUSTER);
    cluster = TestCluster.start(dir, 3, id -> RaftTestTls.settings(pki, id));
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void electsALeaderAndReplicatesWritesReadableLinearizablyEverywhere() throws Exception {
    RaftNode leader = cluster.awaitLeader();
    RaftNode follower = cluster.aFollower();

    // Through a follower: its internal client reaches the leader over TLS, and the leader replicates over TLS.
    WriteResult w = follower.write(add("over-tls")).get(30, TimeUnit.SECONDS);

    assertThat(text(w.result())).startsWith("ok:");
    for (RaftNode n : cluster.running()) {
      assertThat(n.status().leaderId()).contains(leader.nodeId());
      byte[] all = n.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS);
      assertThat(parseAll(all)).as("linearizable read on %s", n.nodeId()).contains("over-tls");
    }
  }

  @Test
  @Order(2)
  void restartedFollowerRecoversAndCatchesUpOverTls() throws Exception {
    String id = cluster.aFollower().nodeId();
    cluster.awaitLeader().write(add("before-" + id + "-stopped")).get(30, TimeUnit.SECONDS);
    cluster.stop(id);
    cluster.awaitLeader().write(add("while-" + id + "-was-down")).get(30, TimeUnit.SECONDS);

    RaftNode restarted = cluster.restart(id);

    await().atMost(PATIENCE).pollInterval(Duration.ofMillis(200)).untilAsserted(() ->
        assertThat(parseAll(restarted.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS)))
            .contains("before-" + id + "-stopped", "while-" + id + "-was-down"));
    WriteResult w = restarted.write(add("after-restart")).get(30, TimeUnit.SECONDS);
    assertThat(text(w.result())).startsWith("ok:");
    cluster.awaitLeader();
  }
}
