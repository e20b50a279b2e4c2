package dev.synod.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.CasRequest;
import dev.synod.proto.v1.DeleteRequest;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.HeartbeatRequest;
import dev.synod.proto.v1.LeaseGrantRequest;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.PutResponse;
import dev.synod.proto.v1.RegisterRequest;
import io.grpc.Status;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pins which calls are retried, on which failures, and that every call carries a deadline. */
class SynodClientRetryTest {
  private FakeCluster cluster;
  private SynodClient client;

  @BeforeEach
  void start() throws Exception {
    cluster = new FakeCluster(3);
    client = cluster.client().build();
  }

  @AfterEach
  void stop() throws Exception {
    client.close();
    cluster.close();
  }

  private static ByteString b(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void getRetriesUnavailableOnTheNextEndpoint() {
    cluster.node(0).failNext("Get", 1, Status.UNAVAILABLE.withDescription("down"));
    cluster.node(1).failNext("Get", 1, Status.UNAVAILABLE.withDescription("down"));

    client.get(GetRequest.newBuilder().setKey(b("k")).build());

    assertThat(cluster.node(0).received("Get")).hasSize(1);
    assertThat(cluster.node(1).received("Get")).hasSize(1);
    assertThat(cluster.node(2).received("Get")).hasSize(1);
  }

  @Test
  void retriesStopAfterMaxRetriesAndReportTheAttemptCount() {
    SynodClient c = cluster.client().maxRetries(3).build();
    cluster.nodes.forEach(n -> n.failNext("Get", 10, Status.UNAVAILABLE.withDescription("no quorum")));

    assertThatThrownBy(() -> c.get(GetRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(SynodException.class, e -> {
          assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE);
          assertThat(e.description()).isEqualTo("no quorum");
          assertThat(e.attempts()).isEqualTo(4);
          assertThat(e.getMessage()).contains("no quorum").contains("4 attempts");
        });
    assertThat(cluster.count("Get")).isEqualTo(4);
    c.close();
  }

  @Test
  void idempotentWritesRetryOnUnavailable() {
    cluster.node(0).failNext("Heartbeat", 1, Status.UNAVAILABLE); // first pick: node 0
    cluster.node(1).failNext("Register", 1, Status.UNAVAILABLE); // next pick: node 1

    client.heartbeat(HeartbeatRequest.newBuilder().setId("w1").build());
    client.register(RegisterRequest.newBuilder().setId("w1").build());

    assertThat(cluster.count("Heartbeat")).isEqualTo(2);
    assertThat(cluster.count("Register")).isEqualTo(2);
  }

  @Test
  void putIsNeverRetried() {
    cluster.nodes.forEach(n -> n.failNext("Put", 1, Status.UNAVAILABLE.withDescription("leader lost")));

    assertThatThrownBy(() -> client.put(PutRequest.newBuilder().setKey(b("k")).setValue(b("v")).build()))
        .isInstanceOfSatisfying(SynodException.class, e -> {
          assertThat(e.code()).isEqualTo(Status.Code.UNAVAILABLE);
          assertThat(e.attempts()).isEqualTo(1);
        });
    assertThat(cluster.count("Put")).isEqualTo(1);
  }

  @Test
  void casDeleteAndLeaseGrantAreNeverRetried() {
    cluster.nodes.forEach(n -> n.failNext("Cas", 1, Status.UNAVAILABLE)
        .failNext("Delete", 1, Status.UNAVAILABLE).failNext("LeaseGrant", 1, Status.UNAVAILABLE));

    assertThatThrownBy(() -> client.cas(CasRequest.newBuilder().setKey(b("k")).build()))
        .isInstanceOf(SynodException.class);
    assertThatThrownBy(() -> client.delete(DeleteRequest.newBuilder().setKey(b("k")).build()))
        .isInstanceOf(SynodException.class);
    assertThatThrownBy(() -> client.leaseGrant(LeaseGrantRequest.newBuilder().setTtlMillis(1000).build()))
        .isInstanceOf(SynodException.class);

    assertThat(cluster.count("Cas")).isEqualTo(1);
    assertThat(cluster.count("Delete")).isEqualTo(1);
    assertThat(cluster.count("LeaseGrant")).isEqualTo(1);
  }

  @Test
  void readsRetryDeadlineExceededOnTheNextEndpoint() {
    SynodClient c = cluster.client().deadline(Duration.ofMillis(200)).build();
    cluster.node(0).hang("Get");

    c.get(GetRequest.newBuilder().setKey(b("k")).build());

    assertThat(cluster.node(0).received("Get")).hasSize(1);
    assertThat(cluster.node(1).received("Get")).hasSize(1);
    c.close();
  }

  @Test
  void putFailsAtItsDeadlineWithoutRetry() {
    SynodClient c = cluster.client().deadline(Duration.ofMillis(200)).build();
    cluster.nodes.forEach(n -> n.hang("Put"));

    long start = System.nanoTime();
    assertThatThrownBy(() -> c.put(PutRequest.newBuilder().setKey(b("k")).build()))
        .isInstanceOfSatisfying(SynodException.class,
            e -> assertThat(e.code()).isEqualTo(Status.Code.DEADLINE_EXCEEDED));
    long tookMillis = TimeUnit.NANOSECONDS.toMillis(System.nanoTime() - start);

    assertThat(tookMillis).isBetween(150L, 1500L);
    assertThat(cluster.count("Put")).isEqualTo(1);
    c.close();
  }

  @Test
  void everyCallCarriesTheConfiguredDeadline() {
    client.get(GetRequest.getDefaultInstance());
    client.put(PutRequest.newBuilder().setKey(b("k")).build());
    client.members();

    for (FakeNode n : cluster.nodes) {
      for (FakeNode.Received r : n.received) {
        assertThat(r.deadline()).as(r.method()).isNotNull();
        assertThat(r.deadline().timeRemaining(TimeUnit.MILLISECONDS)).as(r.method()).isBetween(1L, 2000L);
      }
    }
    assertThat(cluster.count("Get") + cluster.count("Put") + cluster.count("Members")).isEqualTo(3);
  }

  @Test
  void serverErrorsSurfaceCodeAndDescriptionWithoutRetry() {
    cluster.nodes.forEach(n -> n.failNext("Get", 1,
        Status.INVALID_ARGUMENT.withDescription("key: 0 bytes (expected: 1..4096)")));

    assertThatThrownBy(() -> client.get(GetRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(SynodException.class, e -> {
          assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.description()).isEqualTo("key: 0 bytes (expected: 1..4096)");
          assertThat(e.attempts()).isEqualTo(1);
        });
    assertThat(cluster.count("Get")).isEqualTo(1);
  }

  @Test
  void asyncPutsPipelineAndAsyncFailuresAreSynodExceptions() throws Exception {
    List<CompletableFuture<PutResponse>> futures = new ArrayList<>();
    for (int i = 0; i < 200; i++) {
      futures.add(client.putAsync(PutRequest.newBuilder().setKey(b("k" + i)).setValue(b("v")).build()));
    }
    CompletableFuture.allOf(futures.toArray(CompletableFuture[]::new)).get(10, TimeUnit.SECONDS);
    assertThat(cluster.count("Put")).isEqualTo(200);

    cluster.nodes.forEach(n -> n.failNext("Cas", 1, Status.FAILED_PRECONDITION.withDescription("nope")));
    CompletableFuture<?> failed = client.casAsync(CasRequest.newBuilder().setKey(b("k")).build());
    assertThatThrownBy(() -> failed.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(SynodException.class).hasMessageContaining("nope");
  }

  @Test
  void callsAfterCloseFailClearly() {
    client.close();
    assertThatThrownBy(() -> client.get(GetRequest.getDefaultInstance()))
        .isInstanceOfSatisfying(SynodException.class,
            e -> assertThat(e.code()).isEqualTo(Status.Code.CANCELLED))
        .hasMessageContaining("closed");
  }

  @Test
  void closingFailsCallsThatAreWaitingToRetry() {
    SynodClient c = cluster.client().initialBackoff(Duration.ofMillis(300)).maxBackoff(Duration.ofMillis(300))
        .build();
    cluster.nodes.forEach(n -> n.failNext("Get", 10, Status.UNAVAILABLE));
    CompletableFuture<?> pending = c.getAsync(GetRequest.getDefaultInstance());
    org.awaitility.Awaitility.await().atMost(Duration.ofSeconds(5)).until(() -> cluster.count("Get") == 1);

    c.close();

    assertThatThrownBy(() -> pending.get(5, TimeUnit.SECONDS)).isInstanceOf(ExecutionException.class)
        .cause().isInstanceOfSatisfying(SynodException.class,
            e -> assertThat(e.code()).isEqualTo(Status.Code.CANCELLED))
        .hasMessageContaining("client is closed");
  }
}
