package dev.synod.node.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.synod.client.SynodClient;
import dev.synod.client.SynodException;
import dev.synod.client.WatchCompactedException;
import dev.synod.client.WatchHandle;
import dev.synod.client.WatchListener;
import dev.synod.node.testing.TestChannels;
import dev.synod.proto.v1.CasRequest;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.HeartbeatRequest;
import dev.synod.proto.v1.LeaseGrantRequest;
import dev.synod.proto.v1.ListRegistrantsRequest;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.RegisterRequest;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistrantState;
import dev.synod.proto.v1.WatchEvent;
import dev.synod.proto.v1.WatchRequest;
import io.grpc.Status;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** The public API end to end: errors that name the limit, CAS, leases, registration and watches. */
class ClusterApiTest {
  @RegisterExtension
  final SynodClusterExtension cluster = SynodClusterExtension.nodes(3);

  private static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }

  @Test
  void oversizedKeyAndValueAreRejectedNamingTheLimitAndTheClusterKeepsWorking() {
    SynodClient client = cluster.client();
    assertThatThrownBy(() -> client.put(PutRequest.newBuilder().setKey(bytes("big"))
        .setValue(ByteString.copyFrom(new byte[600_000])).build()))
        .isInstanceOfSatisfying(SynodException.class, e -> {
          assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.description()).contains("value").contains("600000").contains("524288");
        });
    assertThatThrownBy(() -> client.put(PutRequest.newBuilder().setKey(ByteString.copyFrom(new byte[5000]))
        .setValue(bytes("v")).build()))
        .isInstanceOfSatisfying(SynodException.class, e -> {
          assertThat(e.code()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.description()).contains("key").contains("4096");
        });
    assertThat(client.put(PutRequest.newBuilder().setKey(bytes("small")).setValue(bytes("ok")).build())
        .getHeader().getRevision()).isPositive();
  }

  @Test
  void casOnAMissingKeyIsNotFoundAndAMismatchReturnsTheCurrentValue() {
    SynodClient client = cluster.client();
    assertThatThrownBy(() -> client.cas(CasRequest.newBuilder().setKey(bytes("nope")).setExpectedModRevision(7)
        .setValue(bytes("x")).build()))
        .isInstanceOfSatisfying(SynodException.class, e -> {
          assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND);
          assertThat(e.description()).contains("nope");
        });
    var created = client.cas(CasRequest.newBuilder().setKey(bytes("reg")).setExpectedModRevision(0)
        .setValue(bytes("a")).build());
    assertThat(created.getSucceeded()).isTrue();
    var mismatch = client.cas(CasRequest.newBuilder().setKey(bytes("reg"))
        .setExpectedModRevision(created.getKv().getModRevision() + 1000).setValue(bytes("b")).build());
    assertThat(mismatch.getSucceeded()).isFalse();
    assertThat(mismatch.getKv().getValue().toStringUtf8()).isEqualTo("a");
    var swapped = client.cas(CasRequest.newBuilder().setKey(bytes("reg"))
        .setExpectedModRevision(created.getKv().getModRevision()).setValue(bytes("b")).build());
    assertThat(swapped.getSucceeded()).isTrue();
  }

  @Test
  void keyOnAnExpiredLeaseIsDeletedByTheLeader() {
    SynodClient client = cluster.client();
    long lease = client.leaseGrant(LeaseGrantRequest.newBuilder().setTtlMillis(1_000).build()).getLease().getId();
    client.put(PutRequest.newBuilder().setKey(bytes("ephemeral")).setValue(bytes("x")).setLeaseId(lease).build());
    await().atMost(Duration.ofSeconds(30)).untilAsserted(() ->
        assertThat(client.get(GetRequest.newBuilder().setKey(bytes("ephemeral")).build()).hasKv()).isFalse());
  }

  @Test
  void fileServerRegistersHeartbeatsAndGoesDownWhenItStops() {
    SynodClient client = cluster.client();
    var registered = client.register(RegisterRequest.newBuilder().setKind(RegistrantKind.FILE_SERVER).setId("fs-1")
        .addAddresses("10.0.0.9:9000").setZone("a").putLabels("disk", "ssd").build());
    assertThat(registered.getRegistrant().getState()).isEqualTo(RegistrantState.ALIVE);
    assertThat(registered.getTtlMillis()).isGreaterThanOrEqualTo(10_000);
    client.heartbeat(HeartbeatRequest.newBuilder().setKind(RegistrantKind.FILE_SERVER).setId("fs-1").build());
    var listed = client.list(ListRegistrantsRequest.newBuilder().setKind(RegistrantKind.FILE_SERVER).build());
    assertThat(listed.getRegistrantsList()).singleElement()
        .satisfies(r -> assertThat(r.getLabelsMap()).containsEntry("disk", "ssd"));
    assertThatThrownBy(() -> client.heartbeat(HeartbeatRequest.newBuilder().setKind(RegistrantKind.WORKER)
        .setId("ghost").build()))
        .isInstanceOfSatisfying(SynodException.class, e -> assertThat(e.code()).isEqualTo(Status.Code.NOT_FOUND));
  }

  @Test
  void watchDeliversEveryChangeFromARevisionInOrder() {
    SynodClient client = cluster.client();
    long first = client.put(PutRequest.newBuilder().setKey(bytes("w/1")).setValue(bytes("1")).build())
        .getHeader().getRevision();
    client.put(PutRequest.newBuilder().setKey(bytes("w/2")).setValue(bytes("2")).build());
    client.put(PutRequest.newBuilder().setKey(bytes("other")).setValue(bytes("x")).build());
    List<WatchEvent> seen = new CopyOnWriteArrayList<>();
    try (WatchHandle h = client.watchKv(WatchRequest.newBuilder().setPrefix(bytes("w/")).setStartRevision(first).build(),
        recording(seen, new CopyOnWriteArrayList<>()))) {
      client.put(PutRequest.newBuilder().setKey(bytes("w/3")).setValue(bytes("3")).build());
      await().atMost(Duration.ofSeconds(20)).until(() -> seen.size() >= 3);
      assertThat(seen).extracting(e -> e.getKv().getKv().getKey().toStringUtf8()).containsExactly("w/1", "w/2", "w/3");
      assertThat(seen).extracting(WatchEvent::getRevision).isSorted();
    }
  }

  @Test
  void watchFromACompactedRevisionFailsWithTheCompactRevision(@TempDir Path tmp) {
    SynodClient client = cluster.client();
    client.put(PutRequest.newBuilder().setKey(bytes("x")).setValue(bytes("1")).build());
    Path file = tmp.resolve("s.snap");
    client.saveSnapshot(file);
    // A restore clears the retained history: older revisions are compacted.
    long restoredAt = client.restoreSnapshot(file).getRestoredRevision();
    List<SynodException> errors = new CopyOnWriteArrayList<>();
    WatchHandle h = client.watchKv(WatchRequest.newBuilder().setStartRevision(1).build(),
        recording(new CopyOnWriteArrayList<>(), errors));
    await().atMost(Duration.ofSeconds(20)).until(() -> !errors.isEmpty());
    h.close();
    assertThat(errors.get(0)).isInstanceOfSatisfying(WatchCompactedException.class, e -> {
      assertThat(e.code()).isEqualTo(Status.Code.OUT_OF_RANGE);
      assertThat(e.compactRevision()).isEqualTo(restoredAt);
    });
  }

  @Test
  void healthIsServingWithoutCredentialsAndReflectionIsOffByDefault() throws Exception {
    // TLS without a client certificate or token: health checks need no credential.
    io.grpc.ManagedChannel channel = TestChannels.open(cluster.pki(), cluster.awaitLeader().apiAddress(), null, null);
    try {
      var health = io.grpc.health.v1.HealthGrpc.newBlockingStub(channel)
          .check(io.grpc.health.v1.HealthCheckRequest.getDefaultInstance());
      assertThat(health.getStatus()).isEqualTo(io.grpc.health.v1.HealthCheckResponse.ServingStatus.SERVING);
      var reflection = io.grpc.reflection.v1.ServerReflectionGrpc.newStub(channel);
      var failure = new java.util.concurrent.CompletableFuture<Throwable>();
      var request = reflection.serverReflectionInfo(new io.grpc.stub.StreamObserver<>() {
        @Override public void onNext(io.grpc.reflection.v1.ServerReflectionResponse value) {
          failure.complete(null);
        }
        @Override public void onError(Throwable t) {
          failure.complete(t);
        }
        @Override public void onCompleted() {
          failure.complete(null);
        }
      });
      request.onNext(io.grpc.reflection.v1.ServerReflectionRequest.newBuilder().setListServices("").build());
      request.onCompleted();
      assertThat(Status.fromThrowable(failure.get(10, java.util.concurrent.TimeUnit.SECONDS)).getCode())
          .isEqualTo(Status.Code.UNIMPLEMENTED);
    } finally {
      channel.shutdownNow();
    }
  }

  private static WatchListener recording(List<WatchEvent> events, List<SynodException> errors) {
    return new WatchListener() {
      @Override
      public void onEvent(WatchEvent event) {
        events.add(event);
      }

      @Override
      public void onError(SynodException error) {
        errors.add(error);
      }
    };
  }
}
