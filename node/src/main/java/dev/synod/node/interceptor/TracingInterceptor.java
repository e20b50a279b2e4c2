package dev.synod.node.interceptor;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import io.opentelemetry.api.OpenTelemetry;
import io.opentelemetry.api.trace.Span;
import io.opentelemetry.api.trace.SpanKind;
import io.opentelemetry.api.trace.StatusCode;
import io.opentelemetry.api.trace.Tracer;
import io.opentelemetry.context.Scope;
import io.opentelemetry.context.propagation.TextMapGetter;

/**
 * Innermost: a server span per call, continuing the caller's W3C trace context when it sends one, tagged
 * with the request id so a trace and a log line can be matched.
 */
public final class TracingInterceptor implements ServerInterceptor {
  private static final TextMapGetter<Metadata> HEADERS = new TextMapGetter<>() {
    @Override
    public Iterable<String> keys(Metadata carrier) {
      return carrier.keys();
    }

    @Override
    public String get(Metadata carrier, String key) {
      return carrier == null ? null : carrier.get(Metadata.Key.of(key, Metadata.ASCII_STRING_MARSHALLER));
    }
  };

  private final OpenTelemetry telemetry;
  private final Tracer tracer;

  public TracingInterceptor(OpenTelemetry telemetry) {
    this.telemetry = telemetry;
    this.tracer = telemetry.getTracer("dev.synod.node");
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    io.opentelemetry.context.Context parent = telemetry.getPropagators().getTextMapPropagator()
        .extract(io.opentelemetry.context.Context.root(), headers, HEADERS);
    String method = call.getMethodDescriptor().getFullMethodName();
    Span span = tracer.spanBuilder(method).setSpanKind(SpanKind.SERVER).setParent(parent)
        .setAttribute("rpc.system", "grpc").setAttribute("rpc.method", method)
        .setAttribute("synod.request_id", CallContext.requestId()).startSpan();
    ServerCall<Q, R> ending = new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        span.setAttribute("rpc.grpc.status_code", status.getCode().value());
        if (!status.isOk()) {
          span.setStatus(StatusCode.ERROR, status.getCode() + ": " + status.getDescription());
        }
        span.end();
        super.close(status, trailers);
      }
    };
    io.opentelemetry.context.Context traced = parent.with(span);
    return new SimpleForwardingServerCallListener<>(next.startCall(ending, headers)) {
      @Override
      public void onMessage(Q message) {
        try (Scope ignored = traced.makeCurrent()) {
          super.onMessage(message);
        }
      }

      @Override
      public void onHalfClose() {
        try (Scope ignored = traced.makeCurrent()) {
          super.onHalfClose();
        }
      }

      @Override
      public void onCancel() {
        try (Scope ignored = traced.makeCurrent()) {
          super.onCancel();
        }
        // A cancelled call is never closed by the handler: end the span here.
        span.setStatus(StatusCode.ERROR, "cancelled by the caller");
        span.end();
      }
    };
  }
}
