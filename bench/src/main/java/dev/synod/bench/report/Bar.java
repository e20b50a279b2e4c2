package dev.synod.bench.report;

import java.util.Locale;
import java.util.Objects;

/**
 * A performance bar stated as a ratio to a baseline, such as P1's "throughput ≥ 1.5× etcd's" or
 * "p99 ≤ 1.0× etcd's". Whether it is met is decided by comparing {@code synod} with
 * {@code target × baseline} directly, so a zero baseline still gives an answer (0 false suspicions
 * against serf's 0 meets "no more than serf").
 */
public final class Bar {
  /** Which way a measurement improves. */
  public enum Direction {
    /** Throughput: Synod must reach at least target × baseline. */
    HIGHER_IS_BETTER,
    /** Latency, failover time, false suspicions: Synod must stay at or below target × baseline. */
    LOWER_IS_BETTER
  }

  private final String id;
  private final String metric;
  private final Direction direction;
  private final double target;

  private Bar(String id, String metric, Direction direction, double target) {
    this.id = requireText("id", id);
    this.metric = requireText("metric", metric);
    this.direction = Objects.requireNonNull(direction, "direction");
    if (!Double.isFinite(target) || target <= 0) {
      throw new IllegalArgumentException("target: " + target + " (expected: finite and > 0)");
    }
    this.target = target;
  }

  /** Met when synod ≥ target × baseline. */
  public static Bar atLeast(String id, String metric, double target) {
    return new Bar(id, metric, Direction.HIGHER_IS_BETTER, target);
  }

  /** Met when synod ≤ target × baseline. */
  public static Bar atMost(String id, String metric, double target) {
    return new Bar(id, metric, Direction.LOWER_IS_BETTER, target);
  }

  public String id() {
    return id;
  }

  public String metric() {
    return metric;
  }

  public Direction direction() {
    return direction;
  }

  public double target() {
    return target;
  }

  public BarResult evaluate(double synod, double baseline) {
    return evaluate(Ratio.of(synod, baseline));
  }

  public BarResult evaluate(Ratio ratio) {
    double limit = target * ratio.baseline();
    boolean met = direction == Direction.HIGHER_IS_BETTER ? ratio.synod() >= limit : ratio.synod() <= limit;
    return new BarResult(this, ratio, met);
  }

  /** {@code P1 write throughput ≥ 1.50×}. */
  @Override
  public String toString() {
    return String.format(Locale.ROOT, "%s %s %s %.2f×", id, metric,
        direction == Direction.HIGHER_IS_BETTER ? "≥" : "≤", target);
  }

  private static String requireText(String name, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(name + ": '" + value + "' (expected: non-blank)");
    }
    return value;
  }
}
