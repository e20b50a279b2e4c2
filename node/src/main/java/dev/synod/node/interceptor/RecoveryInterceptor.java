package dev.synod.node.interceptor;

import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Outermost: an exception that escapes a handler or a later interceptor becomes INTERNAL with the request
 * id, so the caller can quote it; the stack trace goes to the log, never to the caller.
 */
public final class RecoveryInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(RecoveryInterceptor.class);

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    AtomicBoolean failed = new AtomicBoolean();
    ServerCall.Listener<Q> delegate;
    try {
      delegate = next.startCall(call, headers);
    } catch (RuntimeException e) {
      fail(call, headers, failed, e);
      return new ServerCall.Listener<>() { };
    }
    return new SimpleForwardingServerCallListener<>(delegate) {
      @Override
      public void onMessage(Q message) {
        guard(() -> super.onMessage(message));
      }

      @Override
      public void onHalfClose() {
        guard(super::onHalfClose);
      }

      @Override
      public void onCancel() {
        guard(super::onCancel);
      }

      @Override
      public void onComplete() {
        guard(super::onComplete);
      }

      @Override
      public void onReady() {
        guard(super::onReady);
      }

      private void guard(Runnable step) {
        if (failed.get()) {
          return;
        }
        try {
          step.run();
        } catch (RuntimeException e) {
          fail(call, headers, failed, e);
        }
      }
    };
  }

  private static void fail(ServerCall<?, ?> call, Metadata headers, AtomicBoolean failed, RuntimeException e) {
    failed.set(true);
    // This interceptor sits outside the call's Context; the request id interceptor leaves the id in the headers.
    String requestId = headers.get(CallContext.REQUEST_ID_HEADER);
    log.error("request {} {}: unexpected failure", requestId, call.getMethodDescriptor().getFullMethodName(), e);
    try {
      call.close(Status.INTERNAL.withDescription("internal error (request id " + requestId + ")"), new Metadata());
    } catch (IllegalStateException alreadyClosed) {
      log.debug("request {}: call was already closed when the failure surfaced", requestId);
    }
  }
}
