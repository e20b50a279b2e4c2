package dev.synod.membership;

import java.util.List;
import java.util.Map;
import java.util.function.Consumer;

/** SWIM membership among translation nodes only. */
public interface Membership extends AutoCloseable {

  /** What this node advertises, including the gossip address it actually bound. */
  MemberInfo local();

  /**
   * This node and every remote member not yet removed (alive or leaving), sorted by node id. It
   * reflects the events delivered so far, so it never runs ahead of the listeners.
   */
  List<Member> members();

  /**
   * Delivers events to {@code listener}: first the current remote members as {@code JOINED} (and
   * {@code LEAVING} for those leaving), then live events. Calls are serialized on one thread per
   * membership, in order, with increasing sequence; an exception from the listener is logged and
   * does not stop delivery.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  Subscription subscribe(Consumer<MembershipEvent> listener);

  /**
   * Replaces this node's tags; the others see {@code UPDATED}. Returns without waiting for gossip.
   *
   * @throws IllegalStateException after {@link #close()}
   */
  void updateTags(Map<String, String> tags);

  /** Leaves gracefully (the others see {@code LEAVING}, then {@code LEFT}) and shuts down. */
  @Override
  void close();
}
