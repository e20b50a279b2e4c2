package dev.synod.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.synod.client.SynodClient;
import dev.synod.consensus.PeerInfo;
import dev.synod.consensus.PeerRole;
import dev.synod.consensus.RaftNode;
import dev.synod.node.SynodAgent;
import dev.synod.node.state.RaftRestarter;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.ReadConsistency;
import dev.synod.proto.v1.RemovePeerRequest;
import dev.synod.security.testing.LogCapture;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/**
 * A live voter removed from Raft rejoins on its own, with neither a process restart nor a wiped data directory:
 * autopilot adds it back as a learner and promotes it, and it serves linearizable reads again.
 */
class ClusterRejoinTest {
  // Four voters and min-quorum 3, so that one voter may be removed.
  @RegisterExtension
  final SynodClusterExtension cluster = SynodClusterExtension.nodes(4).tuned(b -> b.minQuorum(3));

  private static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }

  private static List<String> voters(SynodAgent agent) {
    return agent.raft().orElseThrow().peers().stream().filter(p -> p.role() == PeerRole.VOTER).map(PeerInfo::id)
        .sorted().toList();
  }

  /** Removes {@code victim} through another node, then writes a key through that node. */
  private void removeThenWrite(SynodAgent victim, String key) {
    SynodAgent other = cluster.running().stream().filter(a -> a != victim).findFirst().orElseThrow();
    SynodClient client = cluster.clientFor(other);
    client.removePeer(RemovePeerRequest.newBuilder().setNodeId(victim.nodeId()).build());
    // The group may be electing a new leader meanwhile; writing the same value twice is harmless.
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().until(() ->
        client.put(PutRequest.newBuilder().setKey(bytes(key)).setValue(bytes("v")).build()) != null);
  }

  private void awaitVoterServingLinearizableRead(SynodAgent victim, String key) {
    await().atMost(Duration.ofSeconds(90)).ignoreExceptions().untilAsserted(() -> {
      assertThat(voters(cluster.awaitLeader())).containsExactly("node-1", "node-2", "node-3", "node-4");
      assertThat(cluster.clientFor(victim).get(GetRequest.newBuilder().setKey(bytes(key))
          .setConsistency(ReadConsistency.LINEARIZABLE).build()).getKv().getValue().toStringUtf8()).isEqualTo("v");
    });
    assertThat(cluster.agent(victim.nodeId())).isSameAs(victim);
    assertThat(victim.fatalError()).isEmpty();
  }

  @Test
  void removedLeaderRestartsItsRaftServerInProcessAndIsAddedBackAsAVoter() {
    // Ratis closes a leader as soon as its own removal commits, so this always takes the in-process restart.
    SynodAgent victim = cluster.awaitLeader();
    RaftNode removedServer = victim.raft().orElseThrow();
    try (LogCapture log = LogCapture.of(RaftRestarter.class)) {
      removeThenWrite(victim, "after-leader-removal");

      awaitVoterServingLinearizableRead(victim, "after-leader-removal");
      assertThat(victim.raft().orElseThrow()).isNotSameAs(removedServer);
      assertThat(log.warnings()).anyMatch(w -> w.startsWith("raft: restarting the Raft server of " + victim.nodeId())
          && w.contains("removed from the Raft configuration"));
    }
  }

  @Test
  void removedFollowerIsAddedBackAsAVoter() {
    // Autopilot may add it back before Ratis stops it, or after; either way it must end up a serving voter.
    SynodAgent victim = cluster.followers().get(0);

    removeThenWrite(victim, "after-follower-removal");

    awaitVoterServingLinearizableRead(victim, "after-follower-removal");
  }
}
