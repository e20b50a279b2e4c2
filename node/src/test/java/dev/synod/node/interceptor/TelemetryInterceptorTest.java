package dev.synod.node.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.GetResponse;
import dev.synod.proto.v1.KvGrpc;
import io.grpc.ManagedChannel;
import io.grpc.Metadata;
import io.grpc.Server;
import io.grpc.ServerInterceptors;
import io.grpc.inprocess.InProcessChannelBuilder;
import io.grpc.inprocess.InProcessServerBuilder;
import io.grpc.stub.MetadataUtils;
import io.grpc.stub.StreamObserver;
import io.opentelemetry.api.trace.propagation.W3CTraceContextPropagator;
import io.opentelemetry.context.propagation.ContextPropagators;
import io.opentelemetry.sdk.OpenTelemetrySdk;
import io.opentelemetry.sdk.metrics.SdkMeterProvider;
import io.opentelemetry.sdk.metrics.data.MetricData;
import io.opentelemetry.sdk.testing.exporter.InMemoryMetricReader;
import io.opentelemetry.sdk.testing.exporter.InMemorySpanExporter;
import io.opentelemetry.sdk.trace.SdkTracerProvider;
import io.opentelemetry.sdk.trace.data.SpanData;
import io.opentelemetry.sdk.trace.export.SimpleSpanProcessor;
import java.util.List;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** The metrics and tracing interceptors against a real OpenTelemetry SDK with in-memory exporters. */
class TelemetryInterceptorTest {
  private static final String TRACE_ID = "4bf92f3577b34da6a3ce929d0e0e4736";

  private final InMemorySpanExporter spans = InMemorySpanExporter.create();
  private final InMemoryMetricReader metrics = InMemoryMetricReader.create();
  private OpenTelemetrySdk sdk;
  private Server server;
  private ManagedChannel channel;

  @BeforeEach
  void start() throws Exception {
    sdk = OpenTelemetrySdk.builder()
        .setTracerProvider(SdkTracerProvider.builder().addSpanProcessor(SimpleSpanProcessor.create(spans)).build())
        .setMeterProvider(SdkMeterProvider.builder().registerMetricReader(metrics).build())
        .setPropagators(ContextPropagators.create(W3CTraceContextPropagator.getInstance())).build();
    String name = InProcessServerBuilder.generateName();
    // Request id first, then the two telemetry interceptors, innermost last (as in the chain).
    server = InProcessServerBuilder.forName(name).addService(ServerInterceptors.intercept(new Kv().bindService(),
        new TracingInterceptor(sdk), new MetricsInterceptor(sdk), new RequestIdInterceptor())).build().start();
    channel = InProcessChannelBuilder.forName(name).build();
  }

  @AfterEach
  void stop() {
    channel.shutdownNow();
    server.shutdownNow();
    sdk.close();
  }

  @Test
  void aCallBecomesAServerSpanInTheCallersTraceAndADurationPoint() {
    Metadata headers = new Metadata();
    headers.put(Metadata.Key.of("traceparent", Metadata.ASCII_STRING_MARSHALLER),
        "00-" + TRACE_ID + "-00f067aa0ba902b7-01");
    headers.put(CallContext.REQUEST_ID_HEADER, "trace-me");
    KvGrpc.newBlockingStub(channel).withInterceptors(MetadataUtils.newAttachHeadersInterceptor(headers))
        .get(GetRequest.newBuilder().setKey(ByteString.copyFromUtf8("k")).build());

    List<SpanData> finished = spans.getFinishedSpanItems();
    assertThat(finished).hasSize(1);
    SpanData span = finished.get(0);
    assertThat(span.getName()).isEqualTo("synod.v1.Kv/Get");
    assertThat(span.getTraceId()).isEqualTo(TRACE_ID);
    assertThat(span.getAttributes().asMap().toString()).contains("synod.request_id=trace-me");

    MetricData duration = metrics.collectAllMetrics().stream()
        .filter(m -> m.getName().equals("rpc.server.duration")).findFirst().orElseThrow();
    assertThat(duration.getHistogramData().getPoints()).singleElement().satisfies(p -> {
      assertThat(p.getCount()).isEqualTo(1);
      assertThat(p.getAttributes().get(MetricsInterceptor.METHOD)).isEqualTo("synod.v1.Kv/Get");
      assertThat(p.getAttributes().get(MetricsInterceptor.CODE)).isEqualTo("OK");
    });
  }

  private static final class Kv extends KvGrpc.KvImplBase {
    @Override
    public void get(GetRequest request, StreamObserver<GetResponse> observer) {
      observer.onNext(GetResponse.getDefaultInstance());
      observer.onCompleted();
    }
  }
}
