package dev.synod.node.health;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.consensus.ConsensusStatus;
import dev.synod.consensus.RaftRole;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ServingHealthTest {
  private static ConsensusStatus follower(Optional<String> leader, long commit, long leaderCommit, long applied) {
    return new ConsensusStatus("n3", RaftRole.FOLLOWER, 6, leader, commit, leaderCommit, applied, applied, -1);
  }

  @Test
  void aNodeWithoutALeaderDoesNotServe() {
    assertThat(ServingHealth.isCaughtUp(follower(Optional.empty(), 100, 100, 100))).isFalse();
  }

  @Test
  void aFollowerBackFromAPartitionServesOnlyOnceItHasAppliedWhatTheLeaderReportsCommitted() {
    // It has heard the leader's heartbeat, not yet the entries it missed: its own commit index is still 2.
    assertThat(ServingHealth.isCaughtUp(follower(Optional.of("n4"), 2, 2_618, 2))).isFalse();
    assertThat(ServingHealth.isCaughtUp(follower(Optional.of("n4"), 2_400, 2_618, 2_400))).isTrue();
    assertThat(ServingHealth.isCaughtUp(follower(Optional.of("n4"), 2_618, 2_618, 2_618 - 257))).isFalse();
  }

  @Test
  void withoutAReportFromTheLeaderItsOwnCommitIndexCounts() {
    assertThat(ServingHealth.isCaughtUp(follower(Optional.of("n4"), 900, -1, 900))).isTrue();
    assertThat(ServingHealth.isCaughtUp(follower(Optional.of("n4"), 900, -1, 600))).isFalse();
  }
}
