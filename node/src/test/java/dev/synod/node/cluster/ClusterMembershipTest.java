package dev.synod.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.synod.consensus.PeerInfo;
import dev.synod.consensus.PeerRole;
import dev.synod.node.SynodAgent;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.ReadConsistency;
import dev.synod.proto.v1.TransferLeaderRequest;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Autopilot and leadership: joining through gossip, dead-server cleanup bounded by min-quorum, transfer. */
class ClusterMembershipTest {
  @RegisterExtension
  final SynodClusterExtension cluster = SynodClusterExtension.nodes(3);

  private static List<String> voters(SynodAgent agent) {
    return agent.raft().orElseThrow().peers().stream().filter(p -> p.role() == PeerRole.VOTER).map(PeerInfo::id)
        .sorted().toList();
  }

  @Test
  void fourthNodeJoinsThroughGossipAsLearnerAndIsPromotedToVoter() throws Exception {
    cluster.awaitLeader();
    cluster.client().put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k"))
        .setValue(ByteString.copyFromUtf8("v")).build());
    SynodAgent fourth = cluster.addNode();
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(voters(cluster.awaitLeader())).containsExactly("node-1", "node-2", "node-3", "node-4"));
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cluster.clientFor(fourth)
        .get(GetRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).setConsistency(ReadConsistency.STALE).build())
        .getKv().getValue().toStringUtf8()).isEqualTo("v"));
  }

  @Test
  void deadVoterIsRemovedByAutopilotButNeverBelowMinQuorum() throws Exception {
    cluster.awaitLeader();
    cluster.addNode();
    await().atMost(Duration.ofSeconds(60)).until(() -> voters(cluster.awaitLeader()).size() == 4);

    String firstVictim = cluster.followers().get(0).nodeId();
    cluster.halt(firstVictim);
    await().atMost(Duration.ofSeconds(60)).untilAsserted(() ->
        assertThat(voters(cluster.awaitLeader())).hasSize(3).doesNotContain(firstVictim));

    String secondVictim = cluster.followers().get(0).nodeId();
    cluster.halt(secondVictim);
    // min-quorum is 3: the second dead voter must stay, however long autopilot runs.
    long deadline = System.nanoTime() + Duration.ofSeconds(12).toNanos();
    while (System.nanoTime() < deadline) {
      cluster.leader().ifPresent(l -> assertThat(voters(l)).hasSize(3).contains(secondVictim));
      Thread.sleep(500);
    }
    assertThat(voters(cluster.awaitLeader())).contains(secondVictim);
  }

  @Test
  void leadershipTransfersToTheNamedVoter() {
    SynodAgent leader = cluster.awaitLeader();
    String target = cluster.followers().get(1).nodeId();
    var response = cluster.clientFor(leader).transferLeader(TransferLeaderRequest.newBuilder().setNodeId(target).build());
    assertThat(response.getNewLeaderId()).isEqualTo(target);
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() -> assertThat(cluster.awaitLeader().nodeId()).isEqualTo(target));
  }
}
