package dev.synod.chaos.checker;

/**
 * The linearizability verdict for one key.
 *
 * @param key the key ("null" for ops without one)
 * @param verdict valid, invalid, or unknown when the budget ran out
 * @param operations ops checked (after dropping failed ops and unknown reads)
 * @param unknownOutcome of those, ops with unknown outcome (INFO or never completed)
 * @param explanation for INVALID, what went wrong; else null
 * @param note for UNKNOWN, why; else null
 */
public record KeyResult(String key, Verdict verdict, int operations, int unknownOutcome, Explanation explanation,
    String note) {}
