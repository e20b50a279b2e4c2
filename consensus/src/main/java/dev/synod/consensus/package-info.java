/**
 * Apache Ratis behind a small interface: a {@link dev.synod.consensus.RaftNode} replicates any deterministic
 * {@link dev.synod.consensus.ReplicatedStateMachine} that works on {@code byte[]}. It starts and recovers the Raft
 * server, owns the snapshot files, serves linearizable and stale reads, changes leadership and membership, and tells
 * its listeners when Ratis stopped the server (e.g. after a removal) so that a new node can recover it.
 * Nothing here knows what the bytes mean.
 */
package dev.synod.consensus;
