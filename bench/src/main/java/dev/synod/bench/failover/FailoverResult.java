package dev.synod.bench.failover;

import java.time.Duration;
import java.util.Collections;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.OptionalInt;
import java.util.TreeMap;

/**
 * What one failover run measured. Durations count from the moment the SIGKILL was sent.
 *
 * @param killedMember the member that led when the SIGKILL was sent
 * @param newLeader the leader the live members agreed on after the run; empty when none was found
 * @param killToFirstAck until the first successful write issued after the killed process was gone
 *     (writes issued earlier may have been committed by the old leader); empty when no write
 *     succeeded within {@link FailoverPlan#maxRecovery()}
 * @param recoveryToHalfThroughput until the end of the first 100 ms window in which such writes
 *     reached half the mean pre-kill throughput; empty when none did within {@link FailoverPlan#maxRecovery()}
 * @param preKillOpsPerSecond successful writes per second over the warm-up's second half
 * @param preKillFailures writes that failed before the SIGKILL; a healthy run has none
 * @param failuresByStatus writes that failed from the SIGKILL on (including writes issued before it
 *     that failed after it), by status; {@code NO_ANSWER} counts writes that never completed
 */
public record FailoverResult(String system, FailoverPlan plan, int killedMember, OptionalInt newLeader,
    Optional<Duration> killToFirstAck, Optional<Duration> recoveryToHalfThroughput, double preKillOpsPerSecond,
    long preKillFailures, Map<String, Long> failuresByStatus) {

  public FailoverResult {
    failuresByStatus = Collections.unmodifiableMap(new TreeMap<>(failuresByStatus));
  }

  /** Whether any write issued after the kill succeeded within {@link FailoverPlan#maxRecovery()}. */
  public boolean recovered() {
    return killToFirstAck.isPresent();
  }

  /** Writes that failed from the SIGKILL on. */
  public long failedRequests() {
    return failuresByStatus.values().stream().mapToLong(Long::longValue).sum();
  }

  public Duration requestDeadline() {
    return plan.requestDeadline();
  }

  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s: killed leader %d, new leader %s, first ack after %s, half throughput"
        + " after %s, pre-kill %,.0f writes/s, failed %d %s%s (deadline %d ms)", system, killedMember,
        newLeader.isPresent() ? Integer.toString(newLeader.getAsInt()) : "none found",
        millis(killToFirstAck), millis(recoveryToHalfThroughput), preKillOpsPerSecond, failedRequests(),
        failuresByStatus, preKillFailures > 0 ? ", " + preKillFailures + " failed before the kill" : "",
        plan.requestDeadline().toMillis());
  }

  private String millis(Optional<Duration> d) {
    return d.map(v -> String.format(Locale.ROOT, "%.1f ms", v.toNanos() / 1e6))
        .orElse("never (within " + plan.maxRecovery() + ")");
  }
}
