package dev.synod.bench.report;

import java.util.Locale;

/** A {@link Bar} held against one measured {@link Ratio}: met or not, and by how much. */
public final class BarResult {
  private final Bar bar;
  private final Ratio ratio;
  private final boolean met;

  BarResult(Bar bar, Ratio ratio, boolean met) {
    this.bar = bar;
    this.ratio = ratio;
    this.met = met;
  }

  public Bar bar() {
    return bar;
  }

  public Ratio ratio() {
    return ratio;
  }

  public boolean met() {
    return met;
  }

  /**
   * How far the ratio is from the target, relative to the target, signed so that positive is good:
   * +0.08 means 8% better than the bar, -0.12 that the bar is missed by 12%. NaN when the ratio is.
   */
  public double margin() {
    double relative = ratio.value() / bar.target() - 1;
    return bar.direction() == Bar.Direction.HIGHER_IS_BETTER ? relative : -relative;
  }

  /** {@code P1 write throughput ≥ 1.50×: 1.62× met (+8.0%)}. */
  @Override
  public String toString() {
    double margin = margin();
    String by = Double.isFinite(margin) ? String.format(Locale.ROOT, " (%+.1f%%)", margin * 100) : "";
    return bar + ": " + ratio + (met ? " met" : " missed") + by;
  }
}
