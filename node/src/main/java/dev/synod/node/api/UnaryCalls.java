package dev.synod.node.api;

import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import io.grpc.stub.StreamObserver;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.function.Function;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Completes a unary gRPC call from a future, with unexpected failures reported as INTERNAL. */
final class UnaryCalls {
  private static final Logger log = LoggerFactory.getLogger(UnaryCalls.class);

  private UnaryCalls() {}

  static <T, R> void reply(CompletableFuture<T> future, StreamObserver<R> observer, Function<T, R> toResponse) {
    future.whenComplete((value, failure) -> {
      if (failure != null) {
        observer.onError(toStatusException(failure));
        return;
      }
      R response;
      try {
        response = toResponse.apply(value);
      } catch (RuntimeException e) {
        observer.onError(toStatusException(e));
        return;
      }
      observer.onNext(response);
      observer.onCompleted();
    });
  }

  static StatusRuntimeException toStatusException(Throwable failure) {
    Throwable c = failure instanceof CompletionException && failure.getCause() != null ? failure.getCause() : failure;
    if (c instanceof StatusRuntimeException sre) {
      return sre;
    }
    if (c instanceof io.grpc.StatusException se) {
      return se.getStatus().asRuntimeException(se.getTrailers());
    }
    log.error("unexpected failure serving a call", c);
    return Status.INTERNAL.withDescription("internal error: " + c.getClass().getSimpleName()).asRuntimeException();
  }
}
