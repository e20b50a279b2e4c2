package dev.synod.client;

import io.grpc.Status;

/**
 * Terminal watch error: the requested start revision is older than the history the server
 * retains. Re-read the current state, then watch again from its revision + 1.
 */
public final class WatchCompactedException extends SynodException {
  private static final long serialVersionUID = 1L;

  private final long requestedRevision;
  private final long compactRevision;

  WatchCompactedException(long requestedRevision, long compactRevision, String endpoint) {
    super(Status.Code.OUT_OF_RANGE, "watch start revision " + requestedRevision
        + " is compacted (oldest retained revision: " + compactRevision + ")", 1, endpoint, null);
    this.requestedRevision = requestedRevision;
    this.compactRevision = compactRevision;
  }

  /** The start revision the client asked for. */
  public long requestedRevision() {
    return requestedRevision;
  }

  /** The compaction revision the server reported. */
  public long compactRevision() {
    return compactRevision;
  }
}
