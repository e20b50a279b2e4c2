package dev.synod.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.HeartbeatRequest;
import dev.synod.proto.v1.PutRequest;
import io.grpc.Metadata;
import io.grpc.Status;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pins where calls go: reads round-robin, writes follow the leader hint from headers and trailers. */
class LeaderRoutingTest {
  private FakeCluster cluster;

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster(3);
  }

  @AfterEach
  void stop() throws Exception {
    cluster.close();
  }

  private static PutRequest put(String key) {
    return PutRequest.newBuilder().setKey(ByteString.copyFromUtf8(key)).build();
  }

  @Test
  void readsRoundRobinAcrossEndpoints() {
    try (SynodClient client = cluster.client().build()) {
      for (int i = 0; i < 6; i++) {
        client.get(GetRequest.getDefaultInstance());
      }
    }
    cluster.nodes.forEach(n -> assertThat(n.received("Get")).as(n.address).hasSize(2));
  }

  @Test
  void clientWithLeaderFollowingOffKeepsWritesOnItsEndpoints() {
    String leader = cluster.node(2).address;
    cluster.nodes.forEach(n -> n.leaderApi = leader);
    try (SynodClient client = cluster.client().endpoints(cluster.node(0).address).followLeader(false).build()) {
      for (int i = 0; i < 4; i++) {
        client.put(put("k" + i));
      }
      assertThat(client.leaderHint()).isNull();
    }
    assertThat(cluster.node(0).received("Put")).hasSize(4);
    assertThat(cluster.node(2).received("Put")).isEmpty();
  }

  @Test
  void writesGoToTheLeaderNamedInResponseHeaders() {
    String leader = cluster.node(2).address;
    cluster.nodes.forEach(n -> n.leaderApi = leader);
    try (SynodClient client = cluster.client().build()) {
      client.get(GetRequest.getDefaultInstance()); // served by node 0, which names node 2
      for (int i = 0; i < 5; i++) {
        client.put(put("k" + i));
      }
      client.heartbeat(HeartbeatRequest.newBuilder().setId("w").build());
      assertThat(client.leaderHint()).isEqualTo(leader);
    }
    assertThat(cluster.node(2).received("Put")).hasSize(5);
    assertThat(cluster.node(2).received("Heartbeat")).hasSize(1);
    assertThat(cluster.count("Put")).isEqualTo(5);
  }

  @Test
  void leaderOutsideTheConfiguredEndpointsGetsItsOwnChannel() {
    cluster.node(0).leaderApi = cluster.node(1).address;
    try (SynodClient client = cluster.client().endpoints(List.of(cluster.node(0).address)).build()) {
      client.get(GetRequest.getDefaultInstance());
      client.put(put("k"));
    }
    assertThat(cluster.node(1).received("Put")).hasSize(1);
    assertThat(cluster.node(0).received("Put")).isEmpty();
  }

  @Test
  void unavailableTrailerHintRedirectsTheRetryAndLaterWrites() {
    Metadata trailers = new Metadata();
    trailers.put(ChannelPool.LEADER_TRAILER, cluster.node(2).address);
    cluster.node(0).failNext("Heartbeat", 1, Status.UNAVAILABLE.withDescription("not leader"), trailers);
    try (SynodClient client = cluster.client().build()) {
      client.heartbeat(HeartbeatRequest.newBuilder().setId("w").build());
      client.put(put("k"));
    }
    assertThat(cluster.node(0).received("Heartbeat")).hasSize(1);
    assertThat(cluster.node(2).received("Heartbeat")).hasSize(1);
    assertThat(cluster.node(2).received("Put")).hasSize(1);
  }

  @Test
  void trailerHintOnAFailedPutIsRememberedButThePutIsNotRetried() {
    Metadata trailers = new Metadata();
    trailers.put(ChannelPool.LEADER_TRAILER, cluster.node(1).address);
    cluster.node(0).failNext("Put", 1, Status.UNAVAILABLE.withDescription("not leader"), trailers);
    try (SynodClient client = cluster.client().build()) {
      assertThatThrownBy(() -> client.put(put("a"))).isInstanceOf(SynodException.class);
      client.put(put("b"));
    }
    assertThat(cluster.count("Put")).isEqualTo(2);
    assertThat(cluster.node(1).received("Put")).hasSize(1);
  }

  @Test
  void anUnreachableLeaderIsForgottenAndWritesFallBackToTheEndpoints() {
    String leader = cluster.node(2).address;
    cluster.node(0).leaderApi = leader;
    cluster.node(2).failNext("Heartbeat", 1, Status.UNAVAILABLE);
    try (SynodClient client = cluster.client().build()) {
      client.get(GetRequest.getDefaultInstance());
      cluster.node(0).leaderApi = "";
      client.heartbeat(HeartbeatRequest.newBuilder().setId("w").build());
      assertThat(client.leaderHint()).isNull();
    }
    assertThat(cluster.node(2).received("Heartbeat")).hasSize(1);
    assertThat(cluster.count("Heartbeat")).isEqualTo(2);
  }
}
