package dev.synod.membership;

import dev.synod.membership.MembershipEvent.Type;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.function.Consumer;

/** Records the events one listener receives, and the threads they arrived on. */
final class EventLog implements Consumer<MembershipEvent> {

  private final List<MembershipEvent> events = new CopyOnWriteArrayList<>();
  final Set<Thread> threads = ConcurrentHashMap.newKeySet();

  @Override
  public void accept(MembershipEvent event) {
    threads.add(Thread.currentThread());
    events.add(event);
  }

  List<MembershipEvent> events() {
    return List.copyOf(events);
  }

  /** The types received about one node, in order. */
  List<Type> typesFor(String nodeId) {
    return events.stream().filter(e -> e.member().nodeId().equals(nodeId)).map(MembershipEvent::type).toList();
  }

  List<MembershipEvent> about(String nodeId) {
    return events.stream().filter(e -> e.member().nodeId().equals(nodeId)).toList();
  }

  List<Long> sequences() {
    return events.stream().map(MembershipEvent::sequence).toList();
  }
}
