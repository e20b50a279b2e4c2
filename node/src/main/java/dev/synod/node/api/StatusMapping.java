package dev.synod.node.api;

import dev.synod.consensus.NotLeaderOrUnavailableException;
import dev.synod.proto.v1.RegistryError;
import io.grpc.Metadata;
import io.grpc.Status;
import io.grpc.StatusRuntimeException;
import java.util.concurrent.CompletionException;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeoutException;

/** Turns registry errors and consensus failures into gRPC statuses at the API boundary. */
public final class StatusMapping {
  /** Trailer that carries the leader's API address on UNAVAILABLE, so clients can follow it. */
  public static final Metadata.Key<String> LEADER_API =
      Metadata.Key.of("synod-leader-api", Metadata.ASCII_STRING_MARSHALLER);

  private StatusMapping() {}

  public static Status toStatus(RegistryError error) {
    Status base = switch (error.getCode()) {
      case NOT_FOUND -> Status.NOT_FOUND;
      case COMPACTED -> Status.OUT_OF_RANGE;
      case ALREADY_EXISTS -> Status.ALREADY_EXISTS;
      case FAILED_PRECONDITION -> Status.FAILED_PRECONDITION;
      case INVALID_ARGUMENT, LIMIT_EXCEEDED -> Status.INVALID_ARGUMENT;
      default -> Status.INTERNAL;
    };
    return base.withDescription(error.getMessage());
  }

  /** Maps a failed write or read future's cause; the outcome of a timed-out write is unknown. */
  public static StatusRuntimeException fromConsensusFailure(Throwable failure, LeaderDirectory leaders) {
    Throwable cause = unwrap(failure);
    if (cause instanceof StatusRuntimeException sre) {
      return sre;
    }
    if (cause instanceof NotLeaderOrUnavailableException nl) {
      Metadata trailers = new Metadata();
      nl.leaderHint().flatMap(leaders::apiAddressOf).ifPresent(a -> trailers.put(LEADER_API, a));
      return Status.UNAVAILABLE.withDescription(nl.getMessage()).asRuntimeException(trailers);
    }
    if (cause instanceof IllegalArgumentException) {
      return Status.INVALID_ARGUMENT.withDescription(cause.getMessage()).asRuntimeException();
    }
    if (cause instanceof TimeoutException) {
      return Status.UNAVAILABLE.withDescription("raft: timed out; the outcome is unknown (" + cause.getMessage() + ")")
          .asRuntimeException();
    }
    return Status.UNAVAILABLE.withDescription("raft: " + cause.getClass().getSimpleName() + ": " + cause.getMessage())
        .withCause(cause).asRuntimeException();
  }

  private static Throwable unwrap(Throwable t) {
    Throwable c = t;
    while ((c instanceof CompletionException || c instanceof ExecutionException) && c.getCause() != null) {
      c = c.getCause();
    }
    return c;
  }
}
