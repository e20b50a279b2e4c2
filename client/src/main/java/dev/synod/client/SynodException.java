package dev.synod.client;

import io.grpc.Status;

/**
 * A failed Synod call: the gRPC status code, the server's description and, for calls the client
 * retried, how many attempts it made.
 */
public class SynodException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  private final Status.Code code;
  private final String description;
  private final int attempts;
  private final String endpoint;

  public SynodException(Status.Code code, String description) {
    this(code, description, 1, null, null);
  }

  SynodException(Status.Code code, String description, int attempts, String endpoint, Throwable cause) {
    super(format(code, description, attempts, endpoint), cause);
    this.code = code;
    this.description = description == null ? "" : description;
    this.attempts = attempts;
    this.endpoint = endpoint;
  }

  static SynodException of(Status status, int attempts, String endpoint) {
    return new SynodException(status.getCode(), status.getDescription(), attempts, endpoint,
        status.getCause());
  }

  /** The gRPC status code; {@code DATA_LOSS} for a corrupt snapshot file. */
  public Status.Code code() {
    return code;
  }

  /** The server's (or client's) description of the failure; empty when none was given. */
  public String description() {
    return description;
  }

  /** Number of attempts made, 1 for calls that were not retried. */
  public int attempts() {
    return attempts;
  }

  /** The endpoint of the last attempt, or null when the failure was local. */
  public String endpoint() {
    return endpoint;
  }

  /** Re-throws on the caller's thread, keeping this exception (from a gRPC thread) as the cause. */
  SynodException onCallerThread() {
    return new SynodException(code, description, attempts, endpoint, this);
  }

  private static String format(Status.Code code, String description, int attempts, String endpoint) {
    StringBuilder sb = new StringBuilder(code.name());
    if (description != null && !description.isEmpty()) {
      sb.append(": ").append(description);
    }
    if (endpoint != null || attempts > 1) {
      sb.append(" (");
      if (endpoint != null) {
        sb.append("endpoint ").append(endpoint);
      }
      if (attempts > 1) {
        sb.append(endpoint != null ? ", " : "").append(attempts).append(" attempts");
      }
      sb.append(')');
    }
    return sb.toString();
  }
}
