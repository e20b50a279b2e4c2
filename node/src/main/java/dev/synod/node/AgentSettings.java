package dev.synod.node;

import dev.synod.consensus.ConsensusSettings;
import dev.synod.consensus.RaftTls;
import dev.synod.node.autopilot.AutopilotSettings;
import dev.synod.node.config.AgentConfig;
import dev.synod.node.tls.NodeTls;
import java.util.Optional;

/** Derives each module's typed settings from the agent's configuration. */
final class AgentSettings {
  /** Entries a learner may trail the commit index by and still count as caught up. */
  static final long CATCH_UP_GAP = 1_000;

  private AgentSettings() {}

  static ConsensusSettings consensus(AgentConfig config, Optional<NodeTls> tls) {
    ConsensusSettings.Builder b = ConsensusSettings.lan().toBuilder()
        .electionTimeoutMin(config.electionTimeoutMin())
        .electionTimeoutMax(config.electionTimeoutMax())
        .snapshotAutoTriggerThreshold(config.snapshotThreshold());
    tls.ifPresent(t -> b.tls(new RaftTls(t.peers().keyManager().orElseThrow(), t.peers().trustManager())));
    return b.build();
  }

  static AutopilotSettings autopilot(AgentConfig config) {
    // The leader heartbeats every election-timeout-min / 2; missing answers for two maximum timeouts is not healthy.
    return new AutopilotSettings(config.minQuorum(), config.serverStabilizationTime(), config.deadServerCleanup(),
        CATCH_UP_GAP, config.electionTimeoutMax().multipliedBy(2));
  }
}
