package dev.synod.consensus;

/**
 * The outcome of a replicated write: the index of the Raft entry that carried it, the command's own revision
 * ({@link Revisions}) and the state machine's answer.
 */
public record WriteResult(long index, long revision, byte[] result) {}
