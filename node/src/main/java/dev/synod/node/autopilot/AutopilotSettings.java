package dev.synod.node.autopilot;

import java.time.Duration;

/**
 * How autopilot manages Raft membership from gossip.
 *
 * @param minQuorum voters autopilot (or an operator) may never go below by removing a server
 * @param stabilizationTime how long a learner must stay caught up before promotion, and how long a voter
 *     must look dead (to gossip and to Raft) before it is removed
 * @param cleanupDeadServers whether dead voters are removed at all
 * @param catchUpGap how many entries behind the leader's commit index a learner may be and count as caught up
 * @param responsiveWithin how recently Raft must have heard from a server for it to count as caught up: a server
 *     whose Ratis division stopped stays "caught up" by match index while nothing is written, and must not be promoted
 */
public record AutopilotSettings(int minQuorum, Duration stabilizationTime, boolean cleanupDeadServers, long catchUpGap,
    Duration responsiveWithin) {
  public AutopilotSettings {
    if (minQuorum < 1) {
      throw new IllegalArgumentException("min-quorum: " + minQuorum + " (expected: >= 1)");
    }
    if (stabilizationTime.isNegative() || stabilizationTime.isZero()) {
      throw new IllegalArgumentException("server-stabilization-time: " + stabilizationTime + " (expected: > 0)");
    }
    if (catchUpGap < 0) {
      throw new IllegalArgumentException("catchUpGap: " + catchUpGap + " (expected: >= 0)");
    }
    if (responsiveWithin.isNegative() || responsiveWithin.isZero()) {
      throw new IllegalArgumentException("responsiveWithin: " + responsiveWithin + " (expected: > 0)");
    }
  }
}
