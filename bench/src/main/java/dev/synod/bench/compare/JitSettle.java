package dev.synod.bench.compare;

import java.time.Duration;
import java.util.Map;
import java.util.Objects;

/**
 * How long to keep warming a JVM-based system up after the fixed cluster warm-up: in rounds of every
 * workload, until no member's just-in-time compilers spend more than {@code quietRate} of the wall time
 * compiling, or until {@code limit} has passed. Measured before the first workload, a JVM still compiling
 * loses cores to its compilers and runs code that is not yet optimised; a long-running server has neither.
 * Systems without a JIT (etcd) never wait.
 *
 * @param limit the longest extra warm-up; zero turns this off
 * @param round each workload's share of one round
 * @param quietRate compile time over wall time, per member, at or under which a round counts as quiet
 */
public record JitSettle(Duration limit, Duration round, double quietRate) {
  public static final JitSettle NONE = new JitSettle(Duration.ZERO, Duration.ofSeconds(1), 0.05);
  public static final JitSettle DEFAULT = new JitSettle(Duration.ofMinutes(5), Duration.ofSeconds(10), 0.05);
  public static final double MAX_QUIET_RATE = 4.0;

  public JitSettle {
    Objects.requireNonNull(limit, "jitSettleLimit");
    Objects.requireNonNull(round, "jitSettleRound");
    if (limit.isNegative()) {
      throw new IllegalArgumentException("jitSettleLimit: " + limit + " (expected: >= 0)");
    }
    if (round.isNegative() || round.isZero()) {
      throw new IllegalArgumentException("jitSettleRound: " + round + " (expected: > 0)");
    }
    if (!(quietRate > 0 && quietRate <= MAX_QUIET_RATE)) {
      throw new IllegalArgumentException("jitSettleQuietRate: " + quietRate + " (expected: > 0 and <= "
          + MAX_QUIET_RATE + ", compile seconds per wall second)");
    }
  }

  public boolean enabled() {
    return !limit.isZero();
  }

  /**
   * Whether a round was quiet: every member compiled for at most {@code quietRate} of {@code wall}. A round
   * with no members measured is not quiet, since nothing shows the compilers are done.
   */
  public boolean quiet(Map<String, Duration> compiledDuringRound, Duration wall) {
    if (compiledDuringRound.isEmpty() || wall.isZero() || wall.isNegative()) {
      return false;
    }
    return compiledDuringRound.values().stream().allMatch(c -> rate(c, wall) <= quietRate);
  }

  static double rate(Duration compiled, Duration wall) {
    return (double) compiled.toNanos() / wall.toNanos();
  }
}
