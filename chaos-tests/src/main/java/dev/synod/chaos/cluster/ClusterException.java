package dev.synod.chaos.cluster;

/** The test infrastructure (Docker, images, containers) failed; the message says what and how to fix it. */
public class ClusterException extends RuntimeException {
  private static final long serialVersionUID = 1L;

  public ClusterException(String message) {
    super(message);
  }

  public ClusterException(String message, Throwable cause) {
    super(message, cause);
  }
}
