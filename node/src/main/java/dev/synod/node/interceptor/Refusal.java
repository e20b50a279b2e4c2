package dev.synod.node.interceptor;

import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.Status;
import org.slf4j.Logger;

/** Ends a call before its handler runs, with one WARN line that says who was refused and why. */
final class Refusal {
  private Refusal() {}

  static <Q, R> ServerCall.Listener<Q> refuse(Logger log, ServerCall<Q, R> call, Status status, String who,
      Metadata trailers) {
    log.warn("request {} {} from {} refused: {} {}", CallContext.requestId(),
        call.getMethodDescriptor().getFullMethodName(), who, status.getCode(), status.getDescription());
    call.close(status, trailers);
    return new ServerCall.Listener<>() { };
  }

  static <Q, R> ServerCall.Listener<Q> refuse(Logger log, ServerCall<Q, R> call, Status status, String who) {
    return refuse(log, call, status, who, new Metadata());
  }
}
