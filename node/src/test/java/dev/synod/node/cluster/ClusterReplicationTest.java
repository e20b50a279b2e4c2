package dev.synod.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.synod.client.SynodClient;
import dev.synod.consensus.RaftRole;
import dev.synod.node.SynodAgent;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.PutResponse;
import dev.synod.proto.v1.ReadConsistency;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;

/** Election and replication in a 3-node cluster over real Ratis gRPC and scalecube on loopback. */
class ClusterReplicationTest {
  @RegisterExtension
  final SynodClusterExtension cluster = SynodClusterExtension.nodes(3);

  static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void exactlyOneLeaderIsElectedAndEveryNodeServes() {
    SynodAgent leader = cluster.awaitLeader();
    assertThat(cluster.running()).filteredOn(a -> a.raft().orElseThrow().status().role() == RaftRole.LEADER)
        .containsExactly(leader);
    await().atMost(Duration.ofSeconds(30)).until(() -> cluster.running().stream().allMatch(SynodAgent::serving));
    assertThat(cluster.running()).allSatisfy(a -> assertThat(a.raft().orElseThrow().peers()).hasSize(3));
  }

  @Test
  void writeThroughFollowerIsReadableLinearizablyOnEveryNode() {
    SynodAgent follower = cluster.followers().get(0);
    PutResponse put = cluster.clientFor(follower).put(PutRequest.newBuilder().setKey(bytes("greeting"))
        .setValue(bytes("hello")).build());
    assertThat(put.getHeader().getRevision()).isPositive();
    assertThat(put.getKv().getModRevision()).isEqualTo(put.getHeader().getRevision());
    for (SynodAgent agent : cluster.running()) {
      SynodClient client = cluster.clientFor(agent);
      var got = client.get(GetRequest.newBuilder().setKey(bytes("greeting")).build());
      assertThat(got.getKv().getValue().toStringUtf8()).as("linearizable read on %s", agent.nodeId()).isEqualTo("hello");
      assertThat(got.getHeader().getRevision()).isGreaterThanOrEqualTo(put.getHeader().getRevision());
      assertThat(got.getHeader().getServedBy()).isEqualTo(agent.nodeId());
      assertThat(got.getHeader().getLeaderId()).isEqualTo(cluster.awaitLeader().nodeId());
    }
  }

  @Test
  void staleReadIsAnsweredLocallyAndCatchesUp() {
    SynodAgent follower = cluster.followers().get(1);
    PutResponse put = cluster.client().put(PutRequest.newBuilder().setKey(bytes("k")).setValue(bytes("v")).build());
    SynodClient local = cluster.clientFor(follower);
    await().atMost(Duration.ofSeconds(10)).untilAsserted(() -> {
      var got = local.get(GetRequest.newBuilder().setKey(bytes("k")).setConsistency(ReadConsistency.STALE).build());
      assertThat(got.getHeader().getRevision()).isGreaterThanOrEqualTo(put.getHeader().getRevision());
      assertThat(got.getKv().getValue().toStringUtf8()).isEqualTo("v");
    });
  }

  @Test
  void leaderKilledElectsANewLeaderAndLosesNoAcknowledgedWrite() {
    SynodAgent oldLeader = cluster.awaitLeader();
    SynodClient client = cluster.client();
    for (int i = 0; i < 50; i++) {
      client.put(PutRequest.newBuilder().setKey(bytes("before/" + i)).setValue(bytes("v" + i)).build());
    }
    cluster.halt(oldLeader.nodeId());
    SynodAgent newLeader = cluster.awaitLeader();
    assertThat(newLeader.nodeId()).isNotEqualTo(oldLeader.nodeId());
    SynodClient survivors = cluster.client();
    await().atMost(Duration.ofSeconds(30)).ignoreExceptions().untilAsserted(() ->
        survivors.put(PutRequest.newBuilder().setKey(bytes("after")).setValue(bytes("x")).build()));
    for (SynodAgent agent : cluster.running()) {
      SynodClient c = cluster.clientFor(agent);
      for (int i = 0; i < 50; i++) {
        assertThat(c.get(GetRequest.newBuilder().setKey(bytes("before/" + i)).build()).getKv().getValue().toStringUtf8())
            .isEqualTo("v" + i);
      }
    }
    assertThat(List.copyOf(cluster.running())).hasSize(2);
  }
}
