package dev.synod.bench.load;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.client.SynodClient;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.GetResponse;
import dev.synod.proto.v1.KvGrpc;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.PutResponse;
import dev.synod.proto.v1.ReadConsistency;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.StreamObserver;
import java.nio.charset.StandardCharsets;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

class SynodKvTargetTest {
  private static final AtomicInteger SERVERS = new AtomicInteger();

  private final ConcurrentLinkedQueue<PutRequest> puts = new ConcurrentLinkedQueue<>();
  private final ConcurrentLinkedQueue<GetRequest> gets = new ConcurrentLinkedQueue<>();
  private final AtomicInteger channels = new AtomicInteger();
  private String name;
  private Server server;

  /** A Kv service that records requests and refuses keys starting with "busy". */
  private final class RecordingKv extends KvGrpc.KvImplBase {
    @Override
    public void put(PutRequest request, StreamObserver<PutResponse> response) {
      puts.add(request);
      if (request.getKey().toStringUtf8().startsWith("busy")) {
        response.onError(Status.RESOURCE_EXHAUSTED.withDescription("rate limited").asRuntimeException());
        return;
      }
      response.onNext(PutResponse.getDefaultInstance());
      response.onCompleted();
    }

    @Override
    public void get(GetRequest request, StreamObserver<GetResponse> response) {
      gets.add(request);
      response.onNext(GetResponse.getDefaultInstance());
      response.onCompleted();
    }
  }

  @BeforeEach
  void startServer() throws Exception {
    name = "synod-kv-target-" + SERVERS.incrementAndGet();
    server = InProcessServerBuilder.forName(name).addService(new RecordingKv()).build().start();
  }

  @AfterEach
  void stopServer() throws Exception {
    server.shutdownNow().awaitTermination(5, TimeUnit.SECONDS);
  }

  private SynodClient.Builder client() {
    return SynodClient.builder().endpoints("node-1:7400").maxRetries(0).channelFactory(target -> {
      channels.incrementAndGet();
      return InProcessChannelBuilder.forName(name).build();
    });
  }

  @Test
  void putsAndGetsReachTheClusterWithTheMappedConsistency() {
    try (SynodKvTarget target = SynodKvTarget.open(client(), 3)) {
      target.put(bytes("k1"), bytes("v1")).join();
      target.get(bytes("k1"), Consistency.LINEARIZABLE).join();
      target.get(bytes("k1"), Consistency.SERIALIZABLE).join();
      target.put(bytes("k2"), bytes("v2")).join();

      assertThat(channels).hasValue(3);
      assertThat(puts).extracting(p -> p.getKey().toStringUtf8() + "=" + p.getValue().toStringUtf8())
          .containsExactly("k1=v1", "k2=v2");
      assertThat(gets).extracting(GetRequest::getConsistency)
          .containsExactly(ReadConsistency.LINEARIZABLE, ReadConsistency.STALE);
      assertThat(target.name()).isEqualTo("synod");
    }
  }

  @Test
  void aFailedCallIsCountedUnderItsGrpcStatusCode() {
    try (SynodKvTarget target = SynodKvTarget.open(client(), 1)) {
      var failed = target.put(bytes("busy-key"), bytes("v"));
      assertThatThrownBy(failed::join).isInstanceOf(CompletionException.class);
      Throwable failure = failed.handle((ok, e) -> e).join();
      assertThat(target.errorStatus(failure)).isEqualTo("RESOURCE_EXHAUSTED");
      assertThat(target.errorStatus(new IllegalStateException())).isEqualTo("IllegalStateException");
    }
  }

  @Test
  void theConnectionCountIsChecked() {
    assertThatThrownBy(() -> SynodKvTarget.open(client(), 0)).hasMessage("connections: 0 (expected: 1..1024)");
  }

  private static byte[] bytes(String s) {
    return s.getBytes(StandardCharsets.UTF_8);
  }
}
