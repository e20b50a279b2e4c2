package dev.synod.node.interceptor;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.common.AttributeKey;
import io.opentelemetry.api.common.Attributes;
import io.opentelemetry.api.metrics.DoubleHistogram;
import io.opentelemetry.api.metrics.Meter;

/** Counts calls and their durations per method and status code through OpenTelemetry. */
public final class MetricsInterceptor implements ServerInterceptor {
  static final AttributeKey<String> METHOD = AttributeKey.stringKey("rpc.method");
  static final AttributeKey<String> CODE = AttributeKey.stringKey("rpc.grpc.status_code");

  private final DoubleHistogram duration;

  public MetricsInterceptor(OpenTelemetry telemetry) {
    Meter meter = telemetry.getMeter("dev.synod.node");
    this.duration = meter.histogramBuilder("rpc.server.duration").setUnit("ms")
        .setDescription("Time to serve a public API call, by method and status code").build();
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    long start = System.nanoTime();
    String method = call.getMethodDescriptor().getFullMethodName();
    return next.startCall(new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        duration.record((System.nanoTime() - start) / 1e6,
            Attributes.of(METHOD, method, CODE, status.getCode().name()));
        super.close(status, trailers);
      }
    }, headers);
  }
}
