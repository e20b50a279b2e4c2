package dev.synod.consensus;

/** A member's role in the configuration: a voter or a non-voting learner (a Ratis listener). */
public enum PeerRole { VOTER, LEARNER }
