package dev.synod.node;

import java.time.Clock;

/** The side effects an agent is built from: its clock and its gossip implementation. */
public record AgentParts(Clock clock, MembershipFactory membershipFactory) {
  public static AgentParts production() {
    return new AgentParts(Clock.systemUTC(), new ScalecubeMembershipFactory());
  }
}
