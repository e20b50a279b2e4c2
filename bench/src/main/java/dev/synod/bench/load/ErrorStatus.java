package dev.synod.bench.load;

import io.grpc.StatusException;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;

/** Names a failed operation for the error table: its gRPC status code, else its exception class. */
public final class ErrorStatus {
  private static final int MAX_CAUSE_DEPTH = 32;

  private ErrorStatus() {}

  public static String of(Throwable failure) {
    Throwable unwrapped = unwrap(failure);
    // Bounded, in case a cause chain loops back on itself.
    Throwable t = unwrapped;
    for (int depth = 0; t != null && depth < MAX_CAUSE_DEPTH; depth++, t = t.getCause()) {
      if (t instanceof StatusRuntimeException s) {
        return s.getStatus().getCode().name();
      }
      if (t instanceof StatusException s) {
        return s.getStatus().getCode().name();
      }
    }
    String name = unwrapped.getClass().getSimpleName();
    return name.isEmpty() ? unwrapped.getClass().getName() : name;
  }

  /** Strips the wrappers futures add, which say nothing about what went wrong. */
  public static Throwable unwrap(Throwable failure) {
    Throwable t = failure;
    while ((t instanceof CompletionException || t instanceof ExecutionException) && t.getCause() != null) {
      t = t.getCause();
    }
    return t;
  }
}
