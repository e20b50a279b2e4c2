package dev.synod.membership;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collection;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.TreeSet;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.function.Consumer;

/**
 * An in-process stand-in for the gossip network, for tests of code that uses {@link Membership}
 * (like hashicorp's in-memory transport). News reaches every other member at once, with no timers
 * and no randomness: each membership sees the same events, in the same order, on every run, with
 * the same delivery guarantees as {@link ScalecubeMembership} (one thread per membership, in
 * order, increasing sequence). Members of different cluster ids never see each other.
 *
 * <p>Delivery is still asynchronous; {@link #awaitDelivered(Duration)} waits until everything
 * sent so far has reached the listeners.
 */
public final class InMemoryGossipNetwork {

  private final Object lock = new Object();
  /** Live members by node id, in join order (which fixes the order news goes out in). */
  private final Map<String, Node> nodes = new LinkedHashMap<>();
  /** Which side of a partition each node is on; absent means side 0. */
  private final Map<String, Integer> sides = new LinkedHashMap<>();
  private int nextSide = 1;
  private long joins;

  /**
   * Adds a member; the others of its cluster see it {@code JOINED}.
   *
   * @throws IllegalStateException if a live member already uses {@code info.nodeId()}
   */
  public Membership join(MemberInfo info) {
    Objects.requireNonNull(info, "info");
    synchronized (lock) {
      if (nodes.containsKey(info.nodeId())) {
        throw new IllegalStateException(
            "nodeId: '" + info.nodeId() + "' (expected: not already a live member of this network)");
      }
      Node node = new Node(info, info.nodeId() + "#" + (++joins));
      for (Node other : nodes.values()) {
        if (reachable(node, other)) {
          other.view.joined(node.owner, node.view.local());
          node.view.joined(other.owner, other.view.local());
        }
      }
      nodes.put(info.nodeId(), node);
      return node;
    }
  }

  /**
   * Stops a member without a leave, as a crash would; the others see it {@code FAILED}. Its own
   * {@link Membership} stays usable but inert: no more events, tag updates go nowhere.
   */
  public void crash(String nodeId) {
    synchronized (lock) {
      Node node = nodes.remove(nodeId);
      if (node == null) {
        throw new IllegalArgumentException("nodeId: '" + nodeId + "' (expected: a live member of this network)");
      }
      node.crashed = true;
      node.view.localStatus(MemberStatus.DEAD);
      node.view.halt();
      sides.remove(nodeId);
      for (Node other : nodes.values()) {
        if (reachable(node, other)) {
          other.view.removed(node.owner);
        }
      }
    }
  }

  /**
   * Cuts {@code nodeIds} off from every other member, as a network partition that lasts until
   * {@link #heal()} would: each side sees the other side {@code FAILED}. A later call splits
   * further; members that join meanwhile land on the side of the nodes never partitioned.
   */
  public void partition(Collection<String> nodeIds) {
    synchronized (lock) {
      for (String id : nodeIds) {
        if (!nodes.containsKey(id)) {
          throw new IllegalArgumentException("nodeIds: '" + id + "' (expected: a live member of this network)");
        }
      }
      Map<String, Integer> before = new LinkedHashMap<>(sides);
      int side = nextSide++;
      nodeIds.forEach(id -> sides.put(id, side));
      forEachPair((a, b) -> {
        boolean was = sameCluster(a, b) && side(before, a) == side(before, b);
        if (was && !reachable(a, b)) {
          a.view.removed(b.owner);
          b.view.removed(a.owner);
        }
      });
    }
  }

  /** Ends every partition: members that were cut off see each other {@code JOINED} again. */
  public void heal() {
    synchronized (lock) {
      Map<String, Integer> before = new LinkedHashMap<>(sides);
      sides.clear();
      forEachPair((a, b) -> {
        if (sameCluster(a, b) && side(before, a) != side(before, b)) {
          a.view.joined(b.owner, b.view.local());
          b.view.joined(a.owner, a.view.local());
        }
      });
    }
  }

  /** Node ids of the live members, sorted. */
  public Set<String> nodeIds() {
    synchronized (lock) {
      return new TreeSet<>(nodes.keySet());
    }
  }

  /**
   * Waits until every event produced so far has been delivered to the listeners.
   *
   * @return false if that took longer than {@code timeout}
   */
  public boolean awaitDelivered(Duration timeout) {
    List<CompletableFuture<Void>> pending = new ArrayList<>();
    synchronized (lock) {
      nodes.values().forEach(node -> pending.add(node.view.idle()));
    }
    try {
      CompletableFuture.allOf(pending.toArray(CompletableFuture[]::new)).get(timeout.toMillis(), TimeUnit.MILLISECONDS);
      return true;
    } catch (TimeoutException e) {
      return false;
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      return false;
    } catch (ExecutionException e) {
      throw new IllegalStateException(e.getCause());
    }
  }

  private interface PairAction {
    void apply(Node a, Node b);
  }

  private void forEachPair(PairAction action) {
    List<Node> all = new ArrayList<>(nodes.values());
    for (int i = 0; i < all.size(); i++) {
      for (int j = i + 1; j < all.size(); j++) {
        action.apply(all.get(i), all.get(j));
      }
    }
  }

  private boolean reachable(Node a, Node b) {
    return sameCluster(a, b) && side(sides, a) == side(sides, b);
  }

  private static boolean sameCluster(Node a, Node b) {
    return a.view.local().clusterId().equals(b.view.local().clusterId());
  }

  private static int side(Map<String, Integer> sides, Node node) {
    return sides.getOrDefault(node.view.local().nodeId(), 0);
  }

  /** One member's end of the network. */
  private final class Node implements Membership {
    final String owner;
    final MemberView view;
    // Guarded by lock. A crashed node stays usable but inert, as a process cut off by a crash
    // would look to code still holding it; a closed one refuses further use.
    boolean crashed;
    boolean closed;

    Node(MemberInfo info, String owner) {
      this.owner = owner;
      this.view = new MemberView(info);
    }

    @Override
    public MemberInfo local() {
      return view.local();
    }

    @Override
    public List<Member> members() {
      return view.members();
    }

    @Override
    public Subscription subscribe(Consumer<MembershipEvent> listener) {
      Objects.requireNonNull(listener, "listener");
      synchronized (lock) {
        requireUp();
        return view.subscribe(listener);
      }
    }

    @Override
    public void updateTags(Map<String, String> tags) {
      synchronized (lock) {
        requireUp();
        MemberInfo updated = view.local().withTags(tags);
        view.local(updated);
        if (crashed) {
          return;
        }
        for (Node other : nodes.values()) {
          if (other != this && reachable(this, other)) {
            other.view.updated(owner, updated);
          }
        }
      }
    }

    @Override
    public void close() {
      synchronized (lock) {
        if (closed) {
          return;
        }
        closed = true;
        if (crashed) {
          return;
        }
        view.localStatus(MemberStatus.LEAVING);
        nodes.remove(view.local().nodeId());
        for (Node other : nodes.values()) {
          if (reachable(this, other)) {
            other.view.leaving(owner);
            other.view.removed(owner);
          }
        }
        sides.remove(view.local().nodeId());
      }
      view.close(TimeUnit.SECONDS.toMillis(5));
    }

    private void requireUp() {
      if (closed) {
        throw new IllegalStateException("membership of " + view.local().nodeId() + " is closed");
      }
    }
  }
}
