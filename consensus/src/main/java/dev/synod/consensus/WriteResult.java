package dev.synod.consensus;

/** The outcome of a replicated write: the Raft log index it was applied at and the state machine's answer. */
public record WriteResult(long index, byte[] result) {}
