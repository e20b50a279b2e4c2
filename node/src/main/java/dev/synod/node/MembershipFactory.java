package dev.synod.node;

import dev.synod.membership.MemberInfo;
import dev.synod.membership.Membership;
import dev.synod.node.config.AgentConfig;

/** How an agent joins the gossip ring: scalecube in production, the in-memory network in some tests. */
public interface MembershipFactory {
  Membership start(AgentConfig config, MemberInfo local);

  /** Stops without a graceful leave, so the others detect a failure. */
  void crash(Membership membership);
}
