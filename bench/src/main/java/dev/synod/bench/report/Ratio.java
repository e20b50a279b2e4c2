package dev.synod.bench.report;

import java.util.Locale;

/**
 * One measurement of Synod over the same measurement of a baseline (etcd, serf, or Synod itself in
 * plaintext when reporting the cost of TLS), for instance 1.62 for 1.62×.
 */
public final class Ratio {
  private final double synod;
  private final double baseline;

  private Ratio(double synod, double baseline) {
    this.synod = synod;
    this.baseline = baseline;
  }

  /** Both values must be finite and non-negative, in the same unit. */
  public static Ratio of(double synod, double baseline) {
    return new Ratio(measurement("synod", synod), measurement("baseline", baseline));
  }

  public double synod() {
    return synod;
  }

  public double baseline() {
    return baseline;
  }

  /**
   * {@code synod / baseline}; positive infinity when only the baseline is 0, NaN when both are (a
   * ratio of nothing to nothing means nothing, though a bar may still be met).
   */
  public double value() {
    if (baseline == 0) {
      return synod == 0 ? Double.NaN : Double.POSITIVE_INFINITY;
    }
    return synod / baseline;
  }

  /** {@code 1.62×}, {@code ∞×} or {@code n/a}. */
  @Override
  public String toString() {
    double v = value();
    if (Double.isNaN(v)) {
      return "n/a";
    }
    return Double.isInfinite(v) ? "∞×" : String.format(Locale.ROOT, "%.2f×", v);
  }

  static double measurement(String name, double value) {
    if (!Double.isFinite(value) || value < 0) {
      throw new IllegalArgumentException(name + ": " + value + " (expected: finite and >= 0)");
    }
    return value;
  }
}
