package dev.synod.node;

import dev.synod.membership.MemberInfo;
import dev.synod.membership.Membership;
import dev.synod.node.config.AgentConfig;
import dev.synod.node.tls.NodeTls;
import java.util.Optional;

/** How an agent joins the gossip ring: scalecube in production, the in-memory network in some tests. */
public interface MembershipFactory {
  /** @param tls the node's TLS material; empty in insecure-dev mode */
  Membership start(AgentConfig config, MemberInfo local, Optional<NodeTls> tls);

  /** Stops without a graceful leave, so the others detect a failure. */
  void crash(Membership membership);
}
