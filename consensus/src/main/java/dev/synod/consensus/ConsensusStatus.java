package dev.synod.consensus;

import java.util.Optional;

/**
 * A point-in-time view of this node's Raft state; {@code appliedRevision} names the last applied command.
 * {@code commitIndex} is what this member knows committed among the entries it holds; {@code leaderCommitIndex} is
 * the leader's own commit index as the leader last reported it (equal on the leader; -1 when not known), which a
 * follower still receiving entries it missed has not reached.
 */
public record ConsensusStatus(
    String nodeId,
    RaftRole role,
    long term,
    Optional<String> leaderId,
    long commitIndex,
    long leaderCommitIndex,
    long appliedIndex,
    long appliedRevision,
    long lastSnapshotIndex) {}
