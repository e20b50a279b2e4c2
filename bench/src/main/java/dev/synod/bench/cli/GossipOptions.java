package dev.synod.bench.cli;

import dev.synod.bench.gossip.GossipPlan;
import java.time.Duration;
import picocli.CommandLine.Option;

/** The P5 scenario's knobs. */
final class GossipOptions {
  @Option(names = "--gossip-members", defaultValue = "8", description = "Members per ring (default: ${DEFAULT-VALUE}).")
  int members;

  @Option(names = "--gossip-runs", defaultValue = "5",
      description = "Kills per system and condition (default: ${DEFAULT-VALUE}).")
  int runs;

  @Option(names = "--gossip-contention-window", defaultValue = "30s", converter = DurationConverter.class,
      description = "How long to watch a ring under CPU contention for false alarms (default: ${DEFAULT-VALUE}).")
  Duration contentionWindow;

  @Option(names = "--gossip-plaintext",
      description = "Synod without TLS and serf without its encryption key (default: both secured).")
  boolean plaintext;

  GossipPlan plan() {
    return GossipPlan.defaults().withMembers(members).withRuns(runs).withContentionWindow(contentionWindow)
        .withSecure(!plaintext);
  }
}
