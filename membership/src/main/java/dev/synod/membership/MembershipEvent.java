package dev.synod.membership;

import java.util.Objects;
import java.util.Optional;

/**
 * A change in the set of remote members, as seen by one node.
 *
 * <p>Per remote node incarnation the types come in this order: {@code JOINED}, any number of
 * {@code UPDATED}, optionally {@code LEAVING}, then exactly one of {@code LEFT} (after a graceful
 * leave) or {@code FAILED} (it stopped answering, or restarted under the same node id). {@code
 * sequence} increases strictly across all events one {@link Membership} delivers.
 *
 * @param member the member's info as of this event
 * @param previous the info it replaced; present only for {@code UPDATED}
 */
public record MembershipEvent(long sequence, Type type, MemberInfo member, Optional<MemberInfo> previous) {

  /** What happened to the member. */
  public enum Type {
    JOINED,
    UPDATED,
    /** Reserved: no implementation emits it yet, because scalecube 2.7 hides suspicion. */
    SUSPECTED,
    LEAVING,
    LEFT,
    FAILED
  }

  public MembershipEvent {
    if (sequence <= 0) {
      throw new IllegalArgumentException("sequence: " + sequence + " (expected: > 0)");
    }
    Objects.requireNonNull(type, "type");
    Objects.requireNonNull(member, "member");
    Objects.requireNonNull(previous, "previous");
  }
}
