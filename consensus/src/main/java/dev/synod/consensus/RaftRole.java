package dev.synod.consensus;

/** This node's role in the Raft group; {@code NONE} when it is not (or no longer) a member. */
public enum RaftRole { LEADER, FOLLOWER, LEARNER, CANDIDATE, NONE }
