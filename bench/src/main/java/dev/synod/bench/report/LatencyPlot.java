package dev.synod.bench.report;

import java.util.List;
import java.util.Locale;
import java.util.Objects;
import org.HdrHistogram.AbstractHistogram;

/**
 * Latency by percentile as an SVG line chart, in the manner of HdrHistogram's plots: the x axis is
 * log-scaled toward the tail (0%, 90%, 99%, 99.9%, 99.99%), so the tail gets as much room as the
 * median. Latency in milliseconds on a linear y axis.
 */
public final class LatencyPlot {
  static final int WIDTH = 860;
  static final int HEIGHT = 500;
  static final int LEFT = 70;
  static final int RIGHT = 250;
  static final int TOP = 40;
  static final int BOTTOM = 50;
  /** Nines shown on the x axis: 4 means up to 99.99%. */
  static final double MAX_NINES = 4;
  private static final double STEP = 0.05;

  /** One line: a label for the legend, its colour, dashed or solid, and the latencies in microseconds. */
  public record Series(String label, String color, boolean dashed, AbstractHistogram histogram) {
    public Series {
      Objects.requireNonNull(label, "label");
      Objects.requireNonNull(color, "color");
      Objects.requireNonNull(histogram, "histogram");
    }
  }

  private LatencyPlot() {}

  public static String svg(String title, List<Series> series) {
    double maxMillis = 0;
    for (Series s : series) {
      maxMillis = Math.max(maxMillis, millisAt(s.histogram(), MAX_NINES));
    }
    double yMax = NiceScale.ceiling(maxMillis);
    StringBuilder svg = new StringBuilder();
    svg.append(String.format(Locale.ROOT, "<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"%d\" height=\"%d\""
        + " font-family=\"sans-serif\" font-size=\"12\">%n", WIDTH, HEIGHT));
    svg.append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n");
    svg.append(text(LEFT, 24, escape(title), "font-size=\"15\""));
    axes(svg, yMax);
    int legendY = TOP + 10;
    for (Series s : series) {
      if (s.histogram().getTotalCount() == 0) {
        continue;
      }
      svg.append(line(s, yMax));
      String dash = s.dashed() ? " stroke-dasharray=\"6 4\"" : "";
      int lx = WIDTH - RIGHT + 15;
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%d\" x2=\"%d\" y2=\"%d\" stroke=\"%s\""
          + " stroke-width=\"2\"%s/>%n", lx, legendY, lx + 30, legendY, s.color(), dash));
      svg.append(text(lx + 38, legendY + 4, escape(s.label()), ""));
      legendY += 20;
    }
    return svg.append("</svg>\n").toString();
  }

  private static void axes(StringBuilder svg, double yMax) {
    int x0 = LEFT;
    int y0 = HEIGHT - BOTTOM;
    int x1 = WIDTH - RIGHT;
    svg.append(String.format(Locale.ROOT, "<path d=\"M%d %d L%d %d L%d %d\" fill=\"none\" stroke=\"black\"/>%n",
        x0, TOP, x0, y0, x1, y0));
    for (int nines = 0; nines <= MAX_NINES; nines++) {
      double x = x(nines);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%.1f\" y1=\"%d\" x2=\"%.1f\" y2=\"%d\" stroke=\"#ddd\"/>%n",
          x, TOP, x, y0));
      svg.append(text(x - 14, y0 + 18, percentileLabel(nines), ""));
    }
    svg.append(text((x0 + x1) / 2.0 - 30, y0 + 40, "percentile", ""));
    for (double tick : NiceScale.ticks(yMax)) {
      double y = y(tick, yMax);
      svg.append(String.format(Locale.ROOT, "<line x1=\"%d\" y1=\"%.1f\" x2=\"%d\" y2=\"%.1f\" stroke=\"#ddd\"/>%n",
          x0, y, x1, y));
      svg.append(text(8, y + 4, NiceScale.label(tick) + " ms", ""));
    }
  }

  private static String line(Series s, double yMax) {
    StringBuilder d = new StringBuilder();
    for (double nines = 0; nines <= MAX_NINES + 1e-9; nines += STEP) {
      d.append(d.length() == 0 ? "M" : " L").append(String.format(Locale.ROOT, "%.1f %.1f", x(nines),
          y(millisAt(s.histogram(), nines), yMax)));
    }
    String dash = s.dashed() ? " stroke-dasharray=\"6 4\"" : "";
    return String.format(Locale.ROOT, "<path d=\"%s\" fill=\"none\" stroke=\"%s\" stroke-width=\"2\"%s/>%n",
        d, s.color(), dash);
  }

  /** The latency at the percentile with {@code nines} nines: 1 is 90%, 2 is 99%. */
  static double millisAt(AbstractHistogram h, double nines) {
    double percentile = 100 * (1 - Math.pow(10, -nines));
    return h.getValueAtPercentile(percentile) / 1000.0;
  }

  static String percentileLabel(int nines) {
    return nines == 0 ? "0%" : BigDecimalText.of(100 * (1 - Math.pow(10, -nines))) + "%";
  }

  private static double x(double nines) {
    return LEFT + (WIDTH - LEFT - RIGHT) * nines / MAX_NINES;
  }

  private static double y(double millis, double yMax) {
    return HEIGHT - BOTTOM - (HEIGHT - BOTTOM - TOP) * Math.min(millis, yMax) / yMax;
  }

  private static String text(double x, double y, String content, String attributes) {
    return String.format(Locale.ROOT, "<text x=\"%.1f\" y=\"%.1f\" %s>%s</text>%n", x, y, attributes, content);
  }

  static String escape(String s) {
    return s.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;");
  }
}
