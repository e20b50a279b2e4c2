package dev.synod.bench.load;

import static org.assertj.core.api.Assertions.assertThat;

import io.grpc.Status;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;
import org.junit.jupiter.api.Test;

class ErrorStatusTest {
  @Test
  void aGrpcFailureIsCountedUnderItsStatusCode() {
    assertThat(ErrorStatus.of(Status.UNAVAILABLE.asRuntimeException())).isEqualTo("UNAVAILABLE");
    assertThat(ErrorStatus.of(new CompletionException(Status.DEADLINE_EXCEEDED.asException())))
        .isEqualTo("DEADLINE_EXCEEDED");
    assertThat(ErrorStatus.of(new IllegalStateException("wrapped", Status.RESOURCE_EXHAUSTED.asRuntimeException())))
        .isEqualTo("RESOURCE_EXHAUSTED");
  }

  @Test
  void anyOtherFailureIsCountedUnderItsClassWithoutTheFutureWrappers() {
    assertThat(ErrorStatus.of(new CompletionException(new ExecutionException(new TimeoutException()))))
        .isEqualTo("TimeoutException");
    assertThat(ErrorStatus.of(new IllegalArgumentException("x"))).isEqualTo("IllegalArgumentException");
    assertThat(ErrorStatus.of(new RuntimeException() {
      private static final long serialVersionUID = 1L;
    })).startsWith(ErrorStatusTest.class.getName() + "$");
  }
}
