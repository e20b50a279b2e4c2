package dev.synod.chaos.nemesis;

import java.time.Duration;
import java.util.List;
import java.util.Objects;
import java.util.Random;

/**
 * A seeded, endless sequence of fault windows: each step waits {@code quiet}, then holds one nemesis's fault for
 * a duration drawn uniformly from [faultMin, faultMax]. The nemesis of each step is drawn from the list with the
 * same random, so a seed always gives the same sequence of nemeses and durations.
 */
public final class NemesisSchedule {

  /** One fault window. */
  public record Step(int index, Nemesis nemesis, Duration quietBefore, Duration faultFor) {}

  private final List<Nemesis> nemeses;
  private final long seed;
  private final Random random;
  private final Duration quiet;
  private final Duration faultMin;
  private final Duration faultMax;
  private int index;

  private NemesisSchedule(List<Nemesis> nemeses, long seed, Duration quiet, Duration faultMin, Duration faultMax) {
    if (nemeses.isEmpty()) {
      throw new IllegalArgumentException("nemeses: empty (expected at least one)");
    }
    if (quiet.isNegative() || faultMin.isNegative() || faultMax.compareTo(faultMin) < 0) {
      throw new IllegalArgumentException("schedule: quiet " + quiet + ", fault " + faultMin + ".." + faultMax
          + " (expected: quiet >= 0, 0 <= faultMin <= faultMax)");
    }
    this.nemeses = List.copyOf(nemeses);
    this.seed = seed;
    this.random = new Random(seed);
    this.quiet = quiet;
    this.faultMin = faultMin;
    this.faultMax = faultMax;
  }

  /** Random nemeses from {@code nemeses}, fault windows of faultMin..faultMax separated by {@code quiet}. */
  public static NemesisSchedule random(List<Nemesis> nemeses, long seed, Duration quiet, Duration faultMin,
      Duration faultMax) {
    return new NemesisSchedule(Objects.requireNonNull(nemeses, "nemeses"), seed, quiet, faultMin, faultMax);
  }

  /** Always the same nemesis, fixed windows. */
  public static NemesisSchedule fixed(Nemesis nemesis, long seed, Duration quiet, Duration fault) {
    return new NemesisSchedule(List.of(nemesis), seed, quiet, fault, fault);
  }

  public long seed() {
    return seed;
  }

  public List<Nemesis> nemeses() {
    return nemeses;
  }

  /** The next step; deterministic for a given seed. */
  public synchronized Step next() {
    Nemesis n = nemeses.get(random.nextInt(nemeses.size()));
    long span = faultMax.toMillis() - faultMin.toMillis();
    long fault = faultMin.toMillis() + (span == 0 ? 0 : (long) (random.nextDouble() * (span + 1)));
    return new Step(index++, n, quiet, Duration.ofMillis(fault));
  }
}
