package dev.synod.node;

import dev.synod.membership.GossipTls;
import dev.synod.membership.MemberInfo;
import dev.synod.membership.Membership;
import dev.synod.membership.ScalecubeMembership;
import dev.synod.node.config.AgentConfig;
import dev.synod.node.config.GossipPreset;
import dev.synod.membership.MembershipSettings;
import dev.synod.node.tls.NodeTls;
import java.util.Optional;

/**
 * Joins the real SWIM ring (scalecube) on the agent's gossip port. Public for {@code synod gossip-probe}, which
 * must gossip exactly as the agent does.
 */
public final class ScalecubeMembershipFactory implements MembershipFactory {
  @Override
  public Membership start(AgentConfig config, MemberInfo local, Optional<NodeTls> tls) {
    return ScalecubeMembership.start(settings(config, tls), local);
  }

  /** The agent's gossip settings: the configured preset, on the configured address, with the peers' TLS. */
  public static MembershipSettings settings(AgentConfig config, Optional<NodeTls> tls) {
    MembershipSettings preset = config.gossipPreset() == GossipPreset.LOCAL ? MembershipSettings.local()
        : MembershipSettings.lan();
    MembershipSettings.Builder builder = preset.toBuilder().bindHost(config.bindHost()).port(config.gossipPort())
        .seeds(config.seeds()).namespace(config.clusterId());
    tls.ifPresent(t -> builder.tls(new GossipTls(t.peers().keyManager().orElseThrow(), t.peers().trustManager())));
    return builder.build();
  }

  @Override
  public void crash(Membership membership) {
    if (membership instanceof ScalecubeMembership scalecube) {
      scalecube.crash();
    }
    // Frees what is left (threads, the closed transport); the leave message can no longer go out.
    membership.close();
  }
}
