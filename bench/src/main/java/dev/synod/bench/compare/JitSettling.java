package dev.synod.bench.compare;

import java.io.PrintStream;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Locale;
import java.util.Map;

/** Runs warm-up rounds until a {@link JitMeter} shows the compilers quiet, as {@link JitSettle} says. */
final class JitSettling {
  /** One round of every workload, unmeasured. */
  interface Round {
    void run() throws InterruptedException;
  }

  private final JitSettle settle;
  private final PrintStream out;

  JitSettling(JitSettle settle, PrintStream out) {
    this.settle = settle;
    this.out = out;
  }

  /** Runs rounds until one is quiet or the limit has passed; returns what happened, for the report. */
  String settle(JitMeter meter, Round round) throws InterruptedException {
    long start = System.nanoTime();
    int rounds = 0;
    while (true) {
      Map<String, Duration> before = meter.compileTotals();
      long roundStart = System.nanoTime();
      round.run();
      Duration wall = Duration.ofNanos(System.nanoTime() - roundStart);
      Map<String, Duration> compiled = minus(meter.compileTotals(), before);
      rounds++;
      Duration spent = Duration.ofNanos(System.nanoTime() - start);
      out.printf("    JIT settle round %d (%s): compile time per wall second %s%n", rounds, seconds(spent),
          rates(compiled, wall));
      if (settle.quiet(compiled, wall)) {
        return String.format(Locale.ROOT, "compilers quiet after %d extra warm-up round(s), %s: %s in the last"
            + " round (limit %.0f %%)", rounds, seconds(spent), rates(compiled, wall), settle.quietRate() * 100);
      }
      if (spent.compareTo(settle.limit()) >= 0) {
        return String.format(Locale.ROOT, "compilers NOT quiet after %d extra warm-up round(s), %s (the limit):"
            + " %s in the last round (quiet means <= %.0f %%)", rounds, seconds(spent), rates(compiled, wall),
            settle.quietRate() * 100);
      }
    }
  }

  /** Compile time per wall second over a stretch that began at {@code before}: for the report. */
  static String during(JitMeter meter, Map<String, Duration> before, Duration wall) {
    return rates(minus(meter.compileTotals(), before), wall);
  }

  static Map<String, Duration> minus(Map<String, Duration> after, Map<String, Duration> before) {
    Map<String, Duration> delta = new LinkedHashMap<>();
    after.forEach((member, total) -> delta.put(member, total.minus(before.getOrDefault(member, Duration.ZERO))));
    return delta;
  }

  static String rates(Map<String, Duration> compiled, Duration wall) {
    StringBuilder s = new StringBuilder();
    compiled.forEach((member, c) -> s.append(s.length() == 0 ? "" : ", ").append(member).append(' ')
        .append(String.format(Locale.ROOT, "%.1f %%", JitSettle.rate(c, wall) * 100)));
    return s.toString();
  }

  private static String seconds(Duration d) {
    return String.format(Locale.ROOT, "%.0f s", d.toMillis() / 1000.0);
  }
}
