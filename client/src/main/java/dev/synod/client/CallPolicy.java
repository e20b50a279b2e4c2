package dev.synod.client;

import io.grpc.Status;

/**
 * Where a call goes and which failures may be retried. Only idempotent calls retry an ambiguous
 * failure: repeating a put, CAS, delete, lease grant/revoke, deregister, leader transfer, peer
 * removal, restore or ACL change that a server may have received could apply it twice. Every call
 * retries an attempt whose connection was refused.
 */
enum CallPolicy {
  /** Reads: round-robin; retried on UNAVAILABLE and DEADLINE_EXCEEDED. */
  READ(false, true, true),
  /** Idempotent writes (register upsert, heartbeat, lease keep-alive): leader; retried on UNAVAILABLE. */
  IDEMPOTENT_WRITE(true, true, false),
  /** Non-idempotent writes and admin actions: leader; retried only when the connection was refused. */
  WRITE(true, false, false),
  /**
   * Actions any node performs without Raft whose repetition only wastes work (signing a CSR yields
   * one more certificate): round-robin; retried on UNAVAILABLE, not on an ambiguous deadline.
   */
  ANY_NODE(false, true, false);

  final boolean toLeader;
  private final boolean retryUnavailable;
  private final boolean retryDeadline;

  CallPolicy(boolean toLeader, boolean retryUnavailable, boolean retryDeadline) {
    this.toLeader = toLeader;
    this.retryUnavailable = retryUnavailable;
    this.retryDeadline = retryDeadline;
  }

  /**
   * Whether a failed attempt may be repeated. {@code neverSent}: the connection was refused, so no
   * server saw the request and even a non-idempotent write may go to another endpoint.
   */
  boolean retries(Status.Code code, boolean neverSent) {
    return (code == Status.Code.UNAVAILABLE && (retryUnavailable || neverSent))
        || (code == Status.Code.DEADLINE_EXCEEDED && retryDeadline);
  }
}
