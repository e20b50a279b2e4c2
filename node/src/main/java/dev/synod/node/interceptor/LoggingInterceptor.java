package dev.synod.node.interceptor;

import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One line per finished call: request id, method, caller, status and time. Successful calls log at DEBUG
 * (a busy node serves thousands a second); failures at INFO, and INTERNAL at WARN.
 */
public final class LoggingInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger("dev.synod.node.rpc");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String requestId = CallContext.requestId();
    String who = String.valueOf(CallContext.identity());
    long start = System.nanoTime();
    String method = call.getMethodDescriptor().getFullMethodName();
    return next.startCall(new SimpleForwardingServerCall<>(call) {
      @Override
      public void close(Status status, Metadata trailers) {
        long micros = (System.nanoTime() - start) / 1000;
        // Closing may happen on a Raft completion thread, outside the MDC: name the request id explicitly.
        if (status.isOk()) {
          log.debug("request {} {} by {}: OK in {} us", requestId, method, who, micros);
        } else if (status.getCode() == Status.Code.INTERNAL) {
          log.warn("request {} {} by {}: {} {} in {} us", requestId, method, who, status.getCode(),
              status.getDescription(), micros);
        } else {
          log.info("request {} {} by {}: {} {} in {} us", requestId, method, who, status.getCode(),
              status.getDescription(), micros);
        }
        super.close(status, trailers);
      }
    }, headers);
  }
}
