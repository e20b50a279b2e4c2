package dev.synod.node.interceptor;

import com.google.protobuf.Message;
import dev.synod.node.validation.RequestRules;
import io.grpc.ForwardingServerCallListener.SimpleForwardingServerCallListener;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Checks each request message against its declared limits; a bad one ends the call before the handler sees it. */
public final class ValidationInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(ValidationInterceptor.class);

  private final RequestRules rules;

  public ValidationInterceptor(RequestRules rules) {
    this.rules = rules;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    String who = String.valueOf(CallContext.identity());
    return new SimpleForwardingServerCallListener<>(next.startCall(call, headers)) {
      private boolean refused;

      @Override
      public void onMessage(Q message) {
        if (refused) {
          return;
        }
        Optional<String> problem = message instanceof Message m ? rules.problem(m)
            : Optional.of("request is not a protobuf message");
        if (problem.isPresent()) {
          refused = true;
          Refusal.refuse(log, call, Status.INVALID_ARGUMENT.withDescription(problem.get()), who);
          return;
        }
        super.onMessage(message);
      }

      @Override
      public void onHalfClose() {
        if (!refused) {
          super.onHalfClose();
        }
      }

      @Override
      public void onReady() {
        if (!refused) {
          super.onReady();
        }
      }
    };
  }
}
