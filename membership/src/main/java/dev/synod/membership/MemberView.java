package dev.synod.membership;

import dev.synod.membership.MembershipEvent.Type;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * The remote members one node sees, changed and observed on a single thread, so listeners get
 * events one at a time, in order, and {@link #members()} never runs ahead of them. Both
 * implementations of {@link Membership} feed it, which is what gives them the same guarantees.
 *
 * <p>Changes are keyed by an owner: one incarnation of a remote node (a scalecube member id, or
 * an in-memory join). When a node id reappears under a new owner, the old incarnation ends with
 * {@code FAILED} (or {@code LEFT}) before the new one {@code JOINED}; late news about an ended
 * owner is ignored.
 */
final class MemberView {

  private static final Logger LOG = LoggerFactory.getLogger(MemberView.class);
  private static final Comparator<Member> BY_NODE_ID = Comparator.comparing(m -> m.info().nodeId());

  private record Remote(String owner, MemberInfo info, MemberStatus status) {}

  private static final class Listener {
    final Consumer<MembershipEvent> consumer;
    volatile boolean active = true;

    Listener(Consumer<MembershipEvent> consumer) {
      this.consumer = consumer;
    }
  }

  private final ExecutorService thread;
  private volatile Thread worker;

  // Touched only on `thread`.
  private final Map<String, Remote> byNodeId = new HashMap<>();
  private final Map<String, String> nodeIdByOwner = new HashMap<>();
  private final Set<String> endedOwners = new HashSet<>();
  private final List<Listener> listeners = new ArrayList<>();
  private long sequence;

  // Read from any thread.
  private volatile MemberInfo local;
  private volatile MemberStatus localStatus = MemberStatus.ALIVE;
  private volatile List<Member> remotes = List.of();

  MemberView(MemberInfo local) {
    this.local = local;
    String name = "synod-membership-" + local.nodeId();
    this.thread =
        Executors.newSingleThreadExecutor(
            task -> {
              Thread t = new Thread(task, name);
              t.setDaemon(true);
              worker = t;
              return t;
            });
  }

  MemberInfo local() {
    return local;
  }

  void local(MemberInfo info) {
    local = info;
  }

  void localStatus(MemberStatus status) {
    localStatus = status;
  }

  List<Member> members() {
    List<Member> all = new ArrayList<>(remotes);
    all.add(new Member(local, localStatus));
    all.sort(BY_NODE_ID);
    return List.copyOf(all);
  }

  void joined(String owner, MemberInfo info) {
    run(() -> onJoined(owner, info));
  }

  void updated(String owner, MemberInfo info) {
    run(() -> onUpdated(owner, info));
  }

  void leaving(String owner) {
    run(() -> onLeaving(owner));
  }

  void removed(String owner) {
    run(() -> onRemoved(owner));
  }

  Subscription subscribe(Consumer<MembershipEvent> consumer) {
    Listener listener = new Listener(consumer);
    run(() -> replayTo(listener));
    return () -> {
      listener.active = false;
      run(() -> listeners.remove(listener));
    };
  }

  /** Completes once every change submitted before this call has been delivered. */
  CompletableFuture<Void> idle() {
    CompletableFuture<Void> done = new CompletableFuture<>();
    if (!run(() -> done.complete(null))) {
      done.complete(null);
    }
    return done;
  }

  /** Delivers what is queued, then stops; waits for that unless called from a listener. */
  void close(long timeoutMillis) {
    thread.shutdown();
    if (Thread.currentThread() == worker) {
      return;
    }
    try {
      if (!thread.awaitTermination(timeoutMillis, TimeUnit.MILLISECONDS)) {
        LOG.warn("[{}] membership listeners still busy after {} ms; not waiting", local.nodeId(), timeoutMillis);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }

  /** Stops at once, dropping queued events: what a crashed process would do. */
  void halt() {
    thread.shutdownNow();
  }

  private boolean run(Runnable change) {
    try {
      thread.execute(
          () -> {
            try {
              change.run();
            } catch (RuntimeException e) {
              LOG.error("[{}] membership view change failed", local.nodeId(), e);
            }
          });
      return true;
    } catch (RejectedExecutionException closed) {
      LOG.debug("[{}] membership view closed; dropping a change", local.nodeId());
      return false;
    }
  }

  private void onJoined(String owner, MemberInfo info) {
    if (endedOwners.contains(owner)) {
      return;
    }
    if (nodeIdByOwner.containsKey(owner)) {
      onUpdated(owner, info);
      return;
    }
    Remote earlier = byNodeId.get(info.nodeId());
    if (earlier != null) {
      // The node restarted before its old incarnation was removed: end that one first.
      end(earlier);
    }
    nodeIdByOwner.put(owner, info.nodeId());
    byNodeId.put(info.nodeId(), new Remote(owner, info, MemberStatus.ALIVE));
    publish(Type.JOINED, info, Optional.empty());
  }

  private void onUpdated(String owner, MemberInfo info) {
    String nodeId = nodeIdByOwner.get(owner);
    if (nodeId == null) {
      onJoined(owner, info); // we never had usable metadata for it before
      return;
    }
    Remote current = byNodeId.get(nodeId);
    if (!nodeId.equals(info.nodeId())) {
      LOG.warn("[{}] member {} changed its node id to {}; treating it as a new member",
          local.nodeId(), nodeId, info.nodeId());
      end(current);
      endedOwners.remove(owner);
      onJoined(owner, info);
      return;
    }
    if (current.info().equals(info)) {
      return;
    }
    byNodeId.put(nodeId, new Remote(owner, info, current.status()));
    publish(Type.UPDATED, info, Optional.of(current.info()));
  }

  private void onLeaving(String owner) {
    Remote current = current(owner);
    if (current == null || current.status() == MemberStatus.LEAVING) {
      return;
    }
    byNodeId.put(current.info().nodeId(), new Remote(owner, current.info(), MemberStatus.LEAVING));
    publish(Type.LEAVING, current.info(), Optional.empty());
  }

  private void onRemoved(String owner) {
    if (endedOwners.remove(owner)) {
      return; // its end was already published when a newer incarnation joined
    }
    Remote current = current(owner);
    if (current != null) {
      end(current);
      endedOwners.remove(owner);
    }
  }

  private Remote current(String owner) {
    String nodeId = nodeIdByOwner.get(owner);
    return nodeId == null ? null : byNodeId.get(nodeId);
  }

  private void end(Remote remote) {
    byNodeId.remove(remote.info().nodeId());
    nodeIdByOwner.remove(remote.owner());
    endedOwners.add(remote.owner());
    Type type = remote.status() == MemberStatus.LEAVING ? Type.LEFT : Type.FAILED;
    publish(type, remote.info(), Optional.empty());
  }

  private void publish(Type type, MemberInfo info, Optional<MemberInfo> previous) {
    List<Member> snapshot = new ArrayList<>();
    byNodeId.values().forEach(r -> snapshot.add(new Member(r.info(), r.status())));
    snapshot.sort(BY_NODE_ID);
    remotes = List.copyOf(snapshot);

    MembershipEvent event = new MembershipEvent(++sequence, type, info, previous);
    LOG.debug("[{}] {}", local.nodeId(), event);
    for (Listener listener : List.copyOf(listeners)) {
      deliver(listener, event);
    }
  }

  private void replayTo(Listener listener) {
    if (!listener.active) {
      return;
    }
    listeners.add(listener);
    for (Member member : remotes) {
      deliver(listener, new MembershipEvent(++sequence, Type.JOINED, member.info(), Optional.empty()));
      if (member.status() == MemberStatus.LEAVING) {
        deliver(listener, new MembershipEvent(++sequence, Type.LEAVING, member.info(), Optional.empty()));
      }
    }
  }

  private void deliver(Listener listener, MembershipEvent event) {
    if (!listener.active) {
      return;
    }
    try {
      listener.consumer.accept(event);
    } catch (RuntimeException e) {
      LOG.warn("[{}] membership listener failed on {}", local.nodeId(), event, e);
    }
  }
}
