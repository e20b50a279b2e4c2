package dev.synod.node;

import io.opentelemetry.api.GlobalOpenTelemetry;
import io.opentelemetry.api.OpenTelemetry;
import java.time.Clock;

/** The side effects an agent is built from: its clock, its gossip implementation and its telemetry. */
public record AgentParts(Clock clock, MembershipFactory membershipFactory, OpenTelemetry telemetry) {
  public static AgentParts production() {
    return new AgentParts(Clock.systemUTC(), new ScalecubeMembershipFactory(), GlobalOpenTelemetry.get());
  }
}
