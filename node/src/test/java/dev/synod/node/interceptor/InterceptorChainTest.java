package dev.synod.node.interceptor;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.github.benmanes.caffeine.cache.Ticker;
import com.google.protobuf.ByteString;
import dev.synod.node.auth.SynodPermissions;
import dev.synod.node.ratelimit.RateLimits;
import dev.synod.node.validation.SynodRequestRules;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.GetResponse;
import dev.synod.proto.v1.KvGrpc;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.PutResponse;
import dev.synod.proto.v1.RangeRequest;
import dev.synod.proto.v1.RangeResponse;
import dev.synod.registry.RegistryLimits;
import dev.synod.security.testing.LogCapture;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.OpenTelemetry;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The chain in its fixed order, over an in-process server, in insecure-dev mode (so every caller is admin). */
class InterceptorChainTest {
  private final AtomicInteger handled = new AtomicInteger();
  private final AtomicReference<String> requestIdSeenByHandler = new AtomicReference<>();
  private Server server;
  private ManagedChannel channel;
  private InterceptorChain chain;

  @BeforeEach
  void start() throws Exception {
    chain = new InterceptorChain(new RecoveryInterceptor(), new RequestIdInterceptor(),
        new AuthenticationInterceptor(null), new AuthorizationInterceptor(SynodPermissions.policy()),
        new RateLimitInterceptor(RateLimits.defaults(), Ticker.systemTicker()),
        new ValidationInterceptor(SynodRequestRules.of(RegistryLimits.defaults())), new LoggingInterceptor(),
        new MetricsInterceptor(OpenTelemetry.noop()), new TracingInterceptor(OpenTelemetry.noop()));
    String name = InProcessServerBuilder.generateName();
    server = InProcessServerBuilder.forName(name).addService(chain.wrap(new FakeKv().bindService())).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
  }

  private KvGrpc.KvBlockingStub stub(String requestId) {
    Metadata headers = new Metadata();
    headers.put(CallContext.REQUEST_ID_HEADER, requestId);
    return KvGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers));
  }

  @Test
  void interceptorsRunInTheDocumentedOrder() {
    assertThat(chain.interceptors()).extracting(i -> i.getClass().getSimpleName()).containsExactly(
        "RecoveryInterceptor", "RequestIdInterceptor", "AuthenticationInterceptor", "AuthorizationInterceptor",
        "RateLimitInterceptor", "ValidationInterceptor", "LoggingInterceptor", "MetricsInterceptor",
        "TracingInterceptor");
  }

  @Test
  void unexpectedExceptionBecomesInternalWithTheRequestIdAndNoStackTrace() {
    try (LogCapture logs = LogCapture.open()) {
      assertThatThrownBy(() -> stub("req-42").put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("k"))
          .setValue(ByteString.copyFromUtf8("v")).build()))
          .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
            assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INTERNAL);
            assertThat(e.getStatus().getDescription()).isEqualTo("internal error (request id req-42)");
          });
      assertThat(logs.contains("req-42", "unexpected failure")).isTrue();
    }
  }

  @Test
  void requestIdReachesTheHandlerAndIsEchoed() {
    AtomicReference<Metadata> responseHeaders = new AtomicReference<>();
    KvGrpc.newBlockingStub(channel).withInterceptors(
        MetadataUtils.newCaptureMetadataInterceptor(responseHeaders, new AtomicReference<>()))
        .get(GetRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build());
    String echoed = responseHeaders.get().get(CallContext.REQUEST_ID_HEADER);
    assertThat(echoed).isNotBlank().isEqualTo(requestIdSeenByHandler.get());
  }

  @Test
  void invalidRequestIsRefusedBeforeTheHandlerRuns() {
    assertThatThrownBy(() -> stub("req-7").range(RangeRequest.newBuilder().setLimit(1_000_000).build()))
        .isInstanceOfSatisfying(StatusRuntimeException.class, e -> {
          assertThat(e.getStatus().getCode()).isEqualTo(Status.Code.INVALID_ARGUMENT);
          assertThat(e.getStatus().getDescription()).contains("limit").contains("1000000");
        });
    assertThat(handled).hasValue(0);
  }

  private final class FakeKv extends KvGrpc.KvImplBase {
    @Override
    public void get(GetRequest request, StreamObserver<GetResponse> observer) {
      handled.incrementAndGet();
      requestIdSeenByHandler.set(CallContext.requestId());
      observer.onNext(GetResponse.getDefaultInstance());
      observer.onCompleted();
    }

    @Override
    public void range(RangeRequest request, StreamObserver<RangeResponse> observer) {
      handled.incrementAndGet();
      observer.onNext(RangeResponse.getDefaultInstance());
      observer.onCompleted();
    }

    @Override
    public void put(PutRequest request, StreamObserver<PutResponse> observer) {
      throw new IllegalStateException("a bug with a secret detail");
    }
  }
}
