package dev.synod.node.probe;

import dev.synod.membership.MemberInfo;
import dev.synod.membership.MembershipSettings;
import dev.synod.membership.ScalecubeMembership;
import dev.synod.membership.Subscription;
import dev.synod.node.ScalecubeMembershipFactory;
import dev.synod.node.Version;
import dev.synod.node.config.AgentConfig;
import dev.synod.node.tls.NodeTls;
import java.util.Map;
import java.util.Optional;

/**
 * A gossip member and nothing else: it joins the SWIM ring with the agent's gossip settings and TLS, built by
 * the agent's own code from the agent's configuration, but runs no Raft, no API and no registry. It reports
 * what it sees through {@link ProbeOutput}, so that a benchmark can time Synod's failure detection against
 * other systems' without a full node's load in the way.
 */
public final class GossipProbe implements AutoCloseable {
  /** Marks probes in the ring: they advertise API and Raft addresses that nothing listens on. */
  static final Map<String, String> TAGS = Map.of("gossip-probe", "true");

  private final ScalecubeMembership membership;
  private final Subscription subscription;
  private final Runnable stopTap;
  private final Optional<NodeTls> tls;

  private GossipProbe(ScalecubeMembership membership, Subscription subscription, Runnable stopTap,
      Optional<NodeTls> tls) {
    this.membership = membership;
    this.subscription = subscription;
    this.stopTap = stopTap;
    this.tls = tls;
  }

  /**
   * Joins the ring; prints the settings line, then the ready line, then membership events and suspicions as
   * they happen.
   *
   * @throws IllegalArgumentException for unreadable or wrong TLS files
   * @throws IllegalStateException when the gossip port cannot be bound
   */
  public static GossipProbe start(AgentConfig config, ProbeOutput out) {
    Optional<NodeTls> tls = NodeTls.open(config);
    Runnable stopTap = () -> {};
    try {
      MembershipSettings settings = ScalecubeMembershipFactory.settings(config, tls);
      out.settings(describe(config, settings));
      // Before the start: the failure detector runs as soon as gossip is up.
      stopTap = SuspicionTap.listen(config.nodeId(), out::suspect);
      ScalecubeMembership membership = ScalecubeMembership.start(settings, localMember(config));
      out.ready(config.nodeId(), membership.local().gossipAddress());
      return new GossipProbe(membership, membership.subscribe(out::event), stopTap, tls);
    } catch (RuntimeException e) {
      stopTap.run();
      tls.ifPresent(NodeTls::close);
      throw e;
    }
  }

  /** Drops off the ring without a leave, as a killed process would; for in-process tests. */
  public void crash() {
    membership.crash();
    close();
  }

  /** Leaves the ring gracefully (the others see LEFT) and releases the TLS files. */
  @Override
  public void close() {
    subscription.close();
    stopTap.run();
    membership.close();
    tls.ifPresent(NodeTls::close);
  }

  /** The settings line: what an operator needs to compare with another system's gossip settings. */
  static String describe(AgentConfig config, MembershipSettings s) {
    return "preset=" + config.gossipPreset().configName()
        + " pingInterval=" + s.pingInterval().toMillis() + "ms"
        + " pingTimeout=" + s.pingTimeout().toMillis() + "ms"
        + " pingReqMembers=" + s.pingReqMembers()
        + " suspicionMult=" + s.suspicionMult()
        + " suspicionTimeout=suspicionMult*ceil(log2(n+1))*pingInterval"
        + " gossipInterval=" + s.gossipInterval().toMillis() + "ms"
        + " gossipFanout=" + s.gossipFanout()
        + " gossipRepeatMult=" + s.gossipRepeatMult()
        + " syncInterval=" + s.syncInterval().toMillis() + "ms"
        + " syncTimeout=" + s.syncTimeout().toMillis() + "ms"
        + " metadataTimeout=" + s.metadataTimeout().toMillis() + "ms"
        + " transport=tcp"
        + " tls=" + (s.tls().isPresent() ? "mutual" : "none");
  }

  private static MemberInfo localMember(AgentConfig config) {
    String host = config.advertiseHost();
    return new MemberInfo(config.nodeId(), config.clusterId(), host + ":" + config.apiPort(),
        host + ":" + config.raftPort(), host + ":" + config.gossipPort(), Version.current(), TAGS);
  }
}
