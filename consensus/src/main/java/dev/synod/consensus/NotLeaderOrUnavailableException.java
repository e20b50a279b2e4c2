package dev.synod.consensus;

import java.io.IOException;
import java.util.Optional;

/**
 * The request could not be served because no leader was reachable in time (election in progress, partition,
 * node not yet a member, node closing). Carries the leader this node last knew of, if any, as a redirect hint.
 */
public final class NotLeaderOrUnavailableException extends IOException {
  private static final long serialVersionUID = 1L;

  private final String leaderHint;

  public NotLeaderOrUnavailableException(String message, Optional<String> leaderHint, Throwable cause) {
    super(message + leaderHint.map(l -> " (leader hint: " + l + ")").orElse(" (no leader known)"), cause);
    this.leaderHint = leaderHint.orElse(null);
  }

  /** The id of the leader this node believes in, if any. */
  public Optional<String> leaderHint() {
    return Optional.ofNullable(leaderHint);
  }
}
