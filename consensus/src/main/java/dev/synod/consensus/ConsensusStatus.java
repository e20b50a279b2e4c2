package dev.synod.consensus;

import java.util.Optional;

/** A point-in-time view of this node's Raft state; {@code appliedRevision} names the last applied command. */
public record ConsensusStatus(
    String nodeId,
    RaftRole role,
    long term,
    Optional<String> leaderId,
    long commitIndex,
    long appliedIndex,
    long appliedRevision,
    long lastSnapshotIndex) {}
