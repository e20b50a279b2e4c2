package dev.synod.bench.gossip;

import java.util.List;

/**
 * serf's timing profiles, written down: {@code -profile=lan} is memberlist's {@code DefaultLANConfig} and
 * {@code -profile=local} its {@code DefaultLocalConfig} (memberlist 0.5, as in Debian's serf). serf prints
 * only the profile's name, so the values are memberlist's documented defaults.
 */
final class SerfProfiles {
  static final List<String> NAMES = List.of("lan", "local");

  private static final String SUSPICION = " suspicionTimeout=suspicionMult*max(1,log10(n))*probeInterval,"
      + " starting at suspicionMaxTimeoutMult times that and falling to 1x as suspicionMult-2 other members"
      + " confirm (Lifeguard)";

  private SerfProfiles() {}

  static String describe(String profile, boolean encrypted) {
    String timing = switch (profile) {
      case "lan" -> "profile=lan probeInterval=1000ms probeTimeout=500ms indirectChecks=3 suspicionMult=4"
          + " suspicionMaxTimeoutMult=6" + SUSPICION + " awarenessMaxMultiplier=8 gossipInterval=200ms"
          + " gossipNodes=3 retransmitMult=4 pushPullInterval=30000ms tcpTimeout=10000ms";
      case "local" -> "profile=local probeInterval=1000ms probeTimeout=200ms indirectChecks=1 suspicionMult=3"
          + " suspicionMaxTimeoutMult=6" + SUSPICION + " awarenessMaxMultiplier=8 gossipInterval=100ms"
          + " gossipNodes=3 retransmitMult=2 pushPullInterval=15000ms tcpTimeout=1000ms";
      default -> throw new IllegalArgumentException("profile: '" + profile + "' (expected: one of " + NAMES + ")");
    };
    return timing + " transport=udp+tcp encryption=" + (encrypted ? "aes-gcm-key" : "none");
  }
}
