package dev.synod.bench.report;

import java.util.ArrayList;
import java.util.List;

/** Round axis limits and ticks: 1, 2 or 5 times a power of ten. */
final class NiceScale {
  private static final int TICKS = 5;

  private NiceScale() {}

  /** The smallest nice number at or above {@code value}; 1 for nothing at all. */
  static double ceiling(double value) {
    if (!(value > 0)) {
      return 1;
    }
    double power = Math.pow(10, Math.floor(Math.log10(value)));
    for (double step : new double[] {1, 2, 5, 10}) {
      if (step * power >= value) {
        return step * power;
      }
    }
    return 10 * power;
  }

  /** {@link #TICKS} evenly spaced ticks from 0 to {@code max}, both included. */
  static List<Double> ticks(double max) {
    List<Double> ticks = new ArrayList<>();
    for (int i = 0; i <= TICKS; i++) {
      ticks.add(max * i / TICKS);
    }
    return ticks;
  }

  static String label(double value) {
    return BigDecimalText.of(value);
  }
}
