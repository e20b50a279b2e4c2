package dev.synod.node.interceptor;

import io.grpc.Context;
import io.grpc.Contexts;
import io.grpc.ForwardingServerCall.SimpleForwardingServerCall;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import java.util.UUID;
import java.util.regex.Pattern;
import org.slf4j.MDC;

/**
 * Gives every call a request id: the caller's {@code x-request-id} when it is sane, a fresh one otherwise.
 * The id is echoed in the response headers, stored in the Context for later interceptors, and put in the
 * logging MDC while the call's callbacks run, so every log line written for the call carries it.
 */
public final class RequestIdInterceptor implements ServerInterceptor {
  private static final Pattern SANE = Pattern.compile("[A-Za-z0-9._:-]{1,64}");

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String offered = headers.get(CallContext.REQUEST_ID_HEADER);
    String id = offered != null && SANE.matcher(offered).matches() ? offered : UUID.randomUUID().toString();
    headers.discardAll(CallContext.REQUEST_ID_HEADER);
    headers.put(CallContext.REQUEST_ID_HEADER, id);
    ServerCall<Q, R> echoing = new SimpleForwardingServerCall<>(call) {
      @Override
      public void sendHeaders(Metadata responseHeaders) {
        responseHeaders.put(CallContext.REQUEST_ID_HEADER, id);
        super.sendHeaders(responseHeaders);
      }
    };
    Context context = Context.current().withValue(CallContext.REQUEST_ID, id);
    ServerCall.Listener<Q> listener = withMdc(id, () -> Contexts.interceptCall(context, echoing, headers, next));
    return new SimpleForwardingServerCallListener<>(listener) {
      @Override
      public void onMessage(Q message) {
        withMdc(id, () -> {
          super.onMessage(message);
          return null;
        });
      }

      @Override
      public void onHalfClose() {
        withMdc(id, () -> {
          super.onHalfClose();
          return null;
        });
      }

      @Override
      public void onCancel() {
        withMdc(id, () -> {
          super.onCancel();
          return null;
        });
      }

      @Override
      public void onComplete() {
        withMdc(id, () -> {
          super.onComplete();
          return null;
        });
      }
    };
  }

  private static <T> T withMdc(String id, java.util.function.Supplier<T> step) {
    String previous = MDC.get(CallContext.MDC_REQUEST_ID);
    MDC.put(CallContext.MDC_REQUEST_ID, id);
    try {
      return step.get();
    } finally {
      if (previous == null) {
        MDC.remove(CallContext.MDC_REQUEST_ID);
      } else {
        MDC.put(CallContext.MDC_REQUEST_ID, previous);
      }
    }
  }
}
