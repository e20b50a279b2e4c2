package dev.synod.membership;

import io.scalecube.cluster.Cluster;
import io.scalecube.cluster.ClusterConfig;
import io.scalecube.cluster.ClusterImpl;
import io.scalecube.cluster.ClusterMessageHandler;
import io.scalecube.cluster.membership.MembershipEvent;
import java.io.IOException;
import java.net.InetAddress;
import java.net.NetworkInterface;
import java.nio.ByteBuffer;
import java.time.Duration;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Consumer;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * {@link Membership} over scalecube-cluster 2.7 (SWIM: probes, indirect probes, suspicion,
 * gossip and periodic full sync) on TCP.
 *
 * <p>scalecube's events map to ours: ADDED → {@code JOINED}, UPDATED → {@code UPDATED}, LEAVING
 * → {@code LEAVING}, REMOVED → {@code LEFT} after a LEAVING and {@code FAILED} otherwise.
 * scalecube keeps suspicion internal, so {@code SUSPECTED} and {@link MemberStatus#SUSPECT} are
 * never produced here. Members are only reported once their metadata has been fetched; members
 * whose metadata names another cluster id are ignored with a warning.
 *
 * <p>If no seed answers, {@link #start} still returns: the node runs alone, logs a warning
 * naming the seeds, and scalecube keeps retrying them every {@code syncInterval}. {@link
 * #joinedAnySeed()} and {@link #awaitJoined(Duration)} tell when it got through.
 *
 * <p>With {@link MembershipSettings#tls()} set, every gossip connection is mutual TLS: a peer
 * whose certificate the trust manager refuses is never heard, so it can neither join nor forge
 * membership updates; each refused connection is logged once at WARN.
 */
public final class ScalecubeMembership implements Membership {

  private static final Logger LOG = LoggerFactory.getLogger(ScalecubeMembership.class);

  private final MembershipSettings settings;
  private final String namespace;
  private final MemberView view;
  private final CompletableFuture<Void> joined = new CompletableFuture<>();
  private final AtomicBoolean closed = new AtomicBoolean();
  /** scalecube member id → the info it advertised; only members of our cluster. */
  private final Map<String, MemberInfo> known = new ConcurrentHashMap<>();
  /** scalecube member ids already warned about (foreign cluster, bad metadata). */
  private final Set<String> ignored = ConcurrentHashMap.newKeySet();
  private volatile Cluster cluster;
  private volatile boolean started;

  private ScalecubeMembership(MembershipSettings settings, MemberInfo local, String namespace) {
    this.settings = settings;
    this.namespace = namespace;
    this.view = new MemberView(local);
  }

  /**
   * Binds the gossip port, makes one sync round with the seeds and returns, whether or not a
   * seed answered. The returned {@link #local()} carries the gossip address actually bound.
   *
   * @throws IllegalArgumentException if the settings' namespace is not {@code local.clusterId()}
   * @throws IllegalStateException if the port cannot be bound or start exceeds {@code joinTimeout}
   */
  public static ScalecubeMembership start(MembershipSettings settings, MemberInfo local) {
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(local, "local");
    String namespace = settings.namespace().orElse(local.clusterId());
    if (!namespace.equals(local.clusterId())) {
      throw new IllegalArgumentException(
          "local.clusterId: '" + local.clusterId() + "' (expected: the settings' namespace '" + namespace + "')");
    }
    return start(settings, local, namespace);
  }

  /** As {@link #start(MembershipSettings, MemberInfo)}, with any namespace: tests use it to check the cluster-id filter. */
  static ScalecubeMembership start(MembershipSettings settings, MemberInfo local, String namespace) {
    ScalecubeMembership membership = new ScalecubeMembership(settings, local, namespace);
    membership.startCluster();
    return membership;
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
  public Subscription subscribe(Consumer<dev.synod.membership.MembershipEvent> listener) {
    Objects.requireNonNull(listener, "listener");
    requireOpen();
    return view.subscribe(listener);
  }

  @Override
  public synchronized void updateTags(Map<String, String> tags) {
    requireOpen();
    MemberInfo updated = view.local().withTags(tags);
    view.local(updated);
    // The codec encodes view.local(); this bumps our incarnation so the others fetch it again.
    cluster
        .updateMetadata(MemberInfoCodec.encode(updated))
        .subscribe(null, e -> LOG.warn("[{}] could not gossip a tag update: {}", updated.nodeId(), e.toString()));
  }

  /**
   * True once this node has seen another member of its cluster, or if it was given no seed
   * other than itself (it is the first node of its cluster).
   */
  public boolean joinedAnySeed() {
    return joined.isDone();
  }

  /** Waits up to {@code timeout} for {@link #joinedAnySeed()}; returns whether it happened. */
  public boolean awaitJoined(Duration timeout) {
    try {
      joined.get(timeout.toMillis(), TimeUnit.MILLISECONDS);
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

  /** Leaves gracefully, then shuts down; waits at most {@code joinTimeout} for each step. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    view.localStatus(MemberStatus.LEAVING);
    Cluster c = cluster;
    if (c != null) {
      c.shutdown();
      try {
        c.onShutdown().block(settings.joinTimeout());
      } catch (RuntimeException e) {
        LOG.warn("[{}] gossip shutdown did not finish within {}: {}", local().nodeId(), settings.joinTimeout(), e.toString());
      }
    }
    view.close(settings.joinTimeout().toMillis());
  }

  /** Kills the transport without leaving, as a crashed process would; for tests that simulate a crash. */
  public void crash() {
    view.localStatus(MemberStatus.DEAD);
    view.halt();
    cluster.transport().stop().block(settings.joinTimeout());
  }

  private void requireOpen() {
    if (closed.get()) {
      throw new IllegalStateException("membership of " + local().nodeId() + " is closed");
    }
  }

  private void startCluster() {
    MembershipSettings s = settings;
    ClusterConfig config =
        ClusterConfig.defaultLanConfig()
            .memberAlias(view.local().nodeId())
            .metadataCodec(new MemberInfoCodec(view::local))
            .metadataTimeout(millis(s.metadataTimeout()))
            .transport(t -> t.port(s.port())
                .connectTimeout(millis(s.syncTimeout()))
                .messageCodec(new GossipMessageCodec())
                .transportFactory(new GossipTransportFactory(s.bindHost(), s.tls().orElse(null))))
            .failureDetector(f -> f.pingInterval(millis(s.pingInterval()))
                .pingTimeout(millis(s.pingTimeout()))
                .pingReqMembers(s.pingReqMembers()))
            .gossip(g -> g.gossipInterval(millis(s.gossipInterval()))
                .gossipFanout(s.gossipFanout())
                .gossipRepeatMult(s.gossipRepeatMult()))
            .membership(m -> m.seedMembers(s.seeds())
                .namespace(namespace)
                .syncInterval(millis(s.syncInterval()))
                .syncTimeout(millis(s.syncTimeout()))
                .suspicionMult(s.suspicionMult()));
    ClusterImpl starting = new ClusterImpl(config).handler(this::attach);
    try {
      starting.start().block(s.joinTimeout());
    } catch (RuntimeException e) {
      if (cluster != null) { // it bound, then ran out of time: take it down again
        starting.shutdown();
      }
      view.close(0);
      throw new IllegalStateException(
          "gossip: could not start on " + s.bindHost() + ":" + s.port() + ": " + e.getMessage()
              + " (expected: a free port, and bind plus the first sync within joinTimeout " + s.joinTimeout() + ")", e);
    }
    started = true;
    List<String> seeds = otherSeeds();
    if (seeds.isEmpty()) {
      joined.complete(null);
      LOG.info("[{}] gossip started on {} in cluster '{}' with no seeds: first member", local().nodeId(), cluster.address(), namespace);
    } else if (joined.isDone()) {
      LOG.info("[{}] gossip started on {} and joined cluster '{}' through seeds {}", local().nodeId(), cluster.address(), namespace, seeds);
    } else {
      LOG.warn("[{}] gossip started on {}, but none of the seeds {} answered within syncTimeout {} as a member of cluster '{}'."
              + " Running alone and retrying every syncInterval {}. Check that the seed addresses are right, that those nodes are up,"
              + " and that they use cluster id '{}'.",
          local().nodeId(), cluster.address(), seeds, s.syncTimeout(), namespace, s.syncInterval(), namespace);
    }
  }

  /** Called by scalecube once the transport is bound, before the first sync with the seeds. */
  private ClusterMessageHandler attach(Cluster started) {
    cluster = started;
    view.local(view.local().withGossipAddress(started.address()));
    return new ClusterMessageHandler() {
      @Override
      public void onMembershipEvent(MembershipEvent event) {
        onScalecubeEvent(event);
      }
    };
  }

  /** Runs on scalecube's single cluster thread, so events reach the view in scalecube's order. */
  private void onScalecubeEvent(MembershipEvent event) {
    String id = event.member().id();
    switch (event.type()) {
      case ADDED, UPDATED -> {
        MemberInfo info = accept(event);
        if (info == null) {
          return;
        }
        boolean added = known.put(id, info) == null;
        if (added) {
          view.joined(id, info);
          if (joined.complete(null) && started) {
            LOG.info("[{}] joined cluster '{}' late: first contact with {} at {}", local().nodeId(), namespace, info.nodeId(), event.member().address());
          }
        } else {
          view.updated(id, info);
        }
      }
      case LEAVING -> {
        if (known.containsKey(id)) {
          view.leaving(id);
        }
      }
      case REMOVED -> {
        ignored.remove(id);
        if (known.remove(id) != null) {
          view.removed(id);
        }
      }
    }
  }

  /** Decodes the member's new metadata; null (with one warning per member) if it is not one of ours. */
  private MemberInfo accept(MembershipEvent event) {
    ByteBuffer metadata = event.newMetadata();
    String id = event.member().id();
    if (metadata == null || !metadata.hasRemaining()) {
      LOG.debug("[{}] ignoring {} of {}: no metadata", local().nodeId(), event.type(), event.member());
      return null;
    }
    MemberInfo info;
    try {
      info = MemberInfoCodec.decode(metadata);
    } catch (IllegalArgumentException e) {
      if (ignored.add(id)) {
        LOG.warn("[{}] ignoring gossip member {}: unreadable metadata ({})", local().nodeId(), event.member(), e.getMessage());
      }
      return null;
    }
    if (!info.clusterId().equals(local().clusterId())) {
      if (ignored.add(id)) {
        LOG.warn("[{}] ignoring gossip member {} ({}): it belongs to cluster '{}', not '{}'",
            local().nodeId(), info.nodeId(), event.member().address(), info.clusterId(), local().clusterId());
      }
      return null;
    }
    if (info.nodeId().equals(local().nodeId())) {
      if (ignored.add(id)) {
        LOG.warn("[{}] ignoring gossip member at {}: it uses this node's id '{}'", local().nodeId(), event.member().address(), info.nodeId());
      }
      return null;
    }
    return info;
  }

  /** The seeds minus this node's own address (a static seed list usually names every node). */
  private List<String> otherSeeds() {
    String self = cluster.address();
    return settings.seeds().stream().filter(seed -> !isSelf(seed, self)).distinct().toList();
  }

  private boolean isSelf(String seed, String self) {
    if (seed.equals(self)) {
      return true;
    }
    if (HostPort.port(seed) != HostPort.port(self)) {
      return false;
    }
    try {
      InetAddress seedHost = InetAddress.getByName(HostPort.host(seed));
      InetAddress bound = InetAddress.getByName(HostPort.host(settings.bindHost() + ":0"));
      if (bound.isAnyLocalAddress()) {
        return seedHost.isLoopbackAddress()
            || seedHost.isAnyLocalAddress()
            || NetworkInterface.getByInetAddress(seedHost) != null;
      }
      return seedHost.equals(bound);
    } catch (IOException e) {
      return false; // unresolvable: certainly not us
    }
  }

  private static int millis(Duration d) {
    return Math.toIntExact(d.toMillis());
  }
}
