package dev.synod.client;

import java.time.Duration;
import java.util.concurrent.ThreadLocalRandom;

/** Exponential backoff with "equal jitter": half the step is fixed, half random, capped. */
record Backoff(Duration initial, Duration max) {
  /** Delay before attempt {@code failures + 1}, given {@code failures >= 1} failures so far. */
  long delayMillis(int failures) {
    long base = initial.toMillis();
    int shift = Math.min(Math.max(failures - 1, 0), 30);
    long step = Math.min(max.toMillis(), base << shift);
    if (step <= 1) {
      return step;
    }
    long half = step / 2;
    return half + ThreadLocalRandom.current().nextLong(step - half + 1);
  }
}
