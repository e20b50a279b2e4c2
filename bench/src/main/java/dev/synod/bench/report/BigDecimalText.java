package dev.synod.bench.report;

import java.math.BigDecimal;
import java.math.MathContext;

/** Numbers for axis labels: at most 6 significant digits, no trailing zeros, no exponent. */
final class BigDecimalText {
  private BigDecimalText() {}

  static String of(double value) {
    return new BigDecimal(value, new MathContext(6)).stripTrailingZeros().toPlainString();
  }
}
