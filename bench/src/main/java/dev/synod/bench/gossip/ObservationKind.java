package dev.synod.bench.gossip;

/** What a member's output line says, in terms both systems share. */
public enum ObservationKind {
  /** The member's gossip is up; the value is the member's own name, where the line gives it. */
  READY,
  /** The settings the member runs with; the value is their text. */
  SETTINGS,
  /** The member now sees another member. */
  JOINED,
  /** The member's probe of another member ended without an ack, direct or indirect. */
  SUSPECTED,
  /** The member declared another member failed. */
  FAILED,
  /** Another member left gracefully. */
  LEFT
}
