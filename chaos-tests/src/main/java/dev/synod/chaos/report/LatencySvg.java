package dev.synod.chaos.report;

import dev.synod.chaos.history.FaultWindow;
import dev.synod.chaos.history.OpPair;
import dev.synod.chaos.history.OpType;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

/** Draws latency over time as a standalone SVG: one point per completed op, log-scale y, fault windows shaded. */
final class LatencySvg {
  private static final int WIDTH = 1100;
  private static final int HEIGHT = 520;
  private static final int LEFT = 70;
  private static final int RIGHT = 180; // room for the legend
  private static final int TOP = 30;
  private static final int BOTTOM = 50;
  private static final String[] SHAPES = {"circle", "square", "triangle", "diamond"};

  private LatencySvg() {}

  static String render(List<OpPair> pairs, List<FaultWindow> windows, long endNanos, String title) {
    List<OpPair> points = pairs.stream().filter(p -> !p.pending()).toList();
    double minMs = points.stream().mapToDouble(LatencySvg::latencyMs).min().orElse(1);
    double maxMs = points.stream().mapToDouble(LatencySvg::latencyMs).max().orElse(1000);
    int lowDecade = (int) Math.floor(Math.log10(Math.max(minMs, 0.001)));
    int highDecade = Math.max(lowDecade + 1, (int) Math.ceil(Math.log10(Math.max(maxMs, 0.001))));
    double endS = Math.max(endNanos / 1e9, 1e-3);
    Plot plot = new Plot(endS, lowDecade, highDecade);
    List<String> fs = pairs.stream().map(OpPair::f).distinct().sorted().toList();

    StringBuilder svg = new StringBuilder(64 * points.size() + 4096);
    svg.append("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n")
        .append("<svg xmlns=\"http://www.w3.org/2000/svg\" width=\"").append(WIDTH).append("\" height=\"")
        .append(HEIGHT).append("\" viewBox=\"0 0 ").append(WIDTH).append(' ').append(HEIGHT)
        .append("\" font-family=\"sans-serif\" font-size=\"11\">\n")
        .append("<rect width=\"100%\" height=\"100%\" fill=\"white\"/>\n")
        .append(text(LEFT, 18, Markup.xml(title), "start", 13));
    for (FaultWindow w : windows) {
      double x0 = plot.x(w.startNanos() / 1e9);
      double x1 = plot.x(w.healNanos(endNanos) / 1e9);
      svg.append("<rect x=\"").append(f(x0)).append("\" y=\"").append(TOP).append("\" width=\"")
          .append(f(Math.max(1, x1 - x0))).append("\" height=\"").append(HEIGHT - TOP - BOTTOM)
          .append("\" fill=\"#f2b8b5\" fill-opacity=\"0.45\"><title>").append(Markup.xml(w.fault()))
          .append("</title></rect>\n").append(text(x0 + 2, TOP + 12, Markup.xml(w.fault()), "start", 10));
    }
    axes(svg, plot);
    for (OpPair p : points) {
      double x = plot.x(p.invoke().timeNanos() / 1e9);
      double y = plot.y(latencyMs(p));
      String shape = SHAPES[fs.indexOf(p.f()) % SHAPES.length];
      svg.append(marker(shape, x, y, color(p.type()))).append('\n');
    }
    legend(svg, fs);
    return svg.append("</svg>\n").toString();
  }

  private static void axes(StringBuilder svg, Plot plot) {
    int bottom = HEIGHT - BOTTOM;
    int right = WIDTH - RIGHT;
    svg.append("<path d=\"M").append(LEFT).append(' ').append(TOP).append(" V").append(bottom).append(" H")
        .append(right).append("\" stroke=\"black\" fill=\"none\"/>\n");
    for (int d = plot.lowDecade; d <= plot.highDecade; d++) {
      double y = plot.y(Math.pow(10, d));
      svg.append("<line x1=\"").append(LEFT).append("\" x2=\"").append(right).append("\" y1=\"").append(f(y))
          .append("\" y2=\"").append(f(y)).append("\" stroke=\"#ddd\"/>\n")
          .append(text(LEFT - 6, y + 4, decadeLabel(d), "end", 11));
    }
    double step = niceStep(plot.endS / 10);
    for (double s = 0; s <= plot.endS + 1e-9; s += step) {
      double x = plot.x(s);
      svg.append("<line x1=\"").append(f(x)).append("\" x2=\"").append(f(x)).append("\" y1=\"").append(bottom)
          .append("\" y2=\"").append(bottom + 5).append("\" stroke=\"black\"/>\n")
          .append(text(x, bottom + 18, trim(s), "middle", 11));
    }
    svg.append(text((LEFT + right) / 2.0, HEIGHT - 10, "time since start (s)", "middle", 12))
        .append("<text x=\"16\" y=\"").append((TOP + bottom) / 2).append("\" text-anchor=\"middle\" ")
        .append("transform=\"rotate(-90 16 ").append((TOP + bottom) / 2).append(")\">latency (ms, log)</text>\n");
  }

  private static void legend(StringBuilder svg, List<String> fs) {
    int x = WIDTH - RIGHT + 20;
    int y = TOP + 10;
    for (OpType t : List.of(OpType.OK, OpType.FAIL, OpType.INFO)) {
      svg.append(marker("square", x, y, color(t))).append(text(x + 10, y + 4, t.jsonName(), "start", 11));
      y += 16;
    }
    y += 8;
    List<String> shown = new ArrayList<>(fs);
    for (int i = 0; i < shown.size(); i++) {
      svg.append(marker(SHAPES[i % SHAPES.length], x, y, "#555"))
          .append(text(x + 10, y + 4, Markup.xml(shown.get(i)), "start", 11));
      y += 16;
    }
    svg.append(marker("square", x, y + 4, "#f2b8b5")).append(text(x + 10, y + 8, "fault in force", "start", 11));
  }

  private static String marker(String shape, double x, double y, String color) {
    String fill = "\" fill=\"" + color + "\" fill-opacity=\"0.75\"/>";
    return switch (shape) {
      case "square" -> "<rect x=\"" + f(x - 2.5) + "\" y=\"" + f(y - 2.5) + "\" width=\"5\" height=\"5" + fill;
      case "triangle" -> "<path d=\"M" + f(x) + " " + f(y - 3) + " L" + f(x + 3) + " " + f(y + 2.5) + " L"
          + f(x - 3) + " " + f(y + 2.5) + " Z" + fill;
      case "diamond" -> "<path d=\"M" + f(x) + " " + f(y - 3.5) + " L" + f(x + 3.5) + " " + f(y) + " L" + f(x)
          + " " + f(y + 3.5) + " L" + f(x - 3.5) + " " + f(y) + " Z" + fill;
      default -> "<circle cx=\"" + f(x) + "\" cy=\"" + f(y) + "\" r=\"2.5" + fill;
    };
  }

  private static String text(double x, double y, String escaped, String anchor, int size) {
    return "<text x=\"" + f(x) + "\" y=\"" + f(y) + "\" text-anchor=\"" + anchor + "\" font-size=\"" + size + "\">"
        + escaped + "</text>\n";
  }

  static String color(OpType t) {
    return switch (t) {
      case OK -> "#2a9d3a";
      case FAIL -> "#d62828";
      default -> "#f08c00";
    };
  }

  private static double latencyMs(OpPair p) {
    return Math.max(p.latencyNanos() / 1e6, 0.001); // log scale: zero latency is drawn at 1 µs
  }

  private static String decadeLabel(int d) {
    return d >= 0 ? String.valueOf((long) Math.pow(10, d)) : trim(Math.pow(10, d));
  }

  private static double niceStep(double raw) {
    double mag = Math.pow(10, Math.floor(Math.log10(raw)));
    double r = raw / mag;
    return (r <= 1 ? 1 : r <= 2 ? 2 : r <= 5 ? 5 : 10) * mag;
  }

  private static String trim(double v) {
    String s = String.format(Locale.ROOT, "%.6f", v).replaceAll("0+$", "");
    return s.endsWith(".") ? s.substring(0, s.length() - 1) : s;
  }

  private static String f(double v) {
    return String.format(Locale.ROOT, "%.1f", v);
  }

  /** Maps data to pixels. */
  private record Plot(double endS, int lowDecade, int highDecade) {
    double x(double seconds) {
      return LEFT + seconds / endS * (WIDTH - LEFT - RIGHT);
    }

    double y(double ms) {
      double frac = (Math.log10(ms) - lowDecade) / (highDecade - lowDecade);
      return HEIGHT - BOTTOM - frac * (HEIGHT - TOP - BOTTOM);
    }
  }
}
