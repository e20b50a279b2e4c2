package dev.synod.bench.gossip;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Objects;

/**
 * What the gossip benchmark (bar P5) does for each system: {@code runs} kills without load and as many under
 * CPU contention, each in a fresh ring of {@code members} processes, plus one {@code contentionWindow} under
 * load in which nobody is killed and every suspicion or failure is a false one.
 *
 * @param members ring size, 3..32 (default 8)
 * @param runs repetitions per condition, 1..100 (default 5)
 * @param settle how long a fresh ring may take to start its members one by one, and then again until every
 *     member sees all the others (default 120 s; eight Synod probes with TLS start in about 35 s on two cores)
 * @param maxDetection how long to wait after a kill for every survivor to report the victim dead (default 60 s)
 * @param contentionWindow how long to watch a loaded ring with nobody killed; zero skips it (default 30 s)
 * @param secure Synod with mutual TLS and serf with its gossip encryption key, else both in plaintext
 */
public record GossipPlan(int members, int runs, Duration settle, Duration maxDetection, Duration contentionWindow,
    boolean secure) {
  public static final int MIN_MEMBERS = 3;
  public static final int MAX_MEMBERS = 32;
  public static final int MAX_RUNS = 100;
  public static final Duration MAX_WAIT = Duration.ofMinutes(10);
  public static final Duration MAX_WINDOW = Duration.ofHours(1);

  public GossipPlan {
    Objects.requireNonNull(settle, "settle");
    Objects.requireNonNull(maxDetection, "maxDetection");
    Objects.requireNonNull(contentionWindow, "contentionWindow");
    List<String> errors = new ArrayList<>();
    if (members < MIN_MEMBERS || members > MAX_MEMBERS) {
      errors.add("members: " + members + " (expected: " + MIN_MEMBERS + ".." + MAX_MEMBERS + ")");
    }
    if (runs < 1 || runs > MAX_RUNS) {
      errors.add("runs: " + runs + " (expected: 1.." + MAX_RUNS + ")");
    }
    positive(errors, "settle", settle, MAX_WAIT);
    positive(errors, "maxDetection", maxDetection, MAX_WAIT);
    if (contentionWindow.isNegative() || contentionWindow.compareTo(MAX_WINDOW) > 0) {
      errors.add("contentionWindow: " + contentionWindow + " (expected: 0s.." + MAX_WINDOW + ", 0s = none)");
    }
    if (!errors.isEmpty()) {
      throw new IllegalArgumentException(String.join("; ", errors));
    }
  }

  /** 8 members, 5 runs per condition, 120 s to settle, 60 s to detect, a 30 s contention window, secure. */
  public static GossipPlan defaults() {
    return new GossipPlan(8, 5, Duration.ofSeconds(120), Duration.ofSeconds(60), Duration.ofSeconds(30), true);
  }

  public GossipPlan withMembers(int n) {
    return new GossipPlan(n, runs, settle, maxDetection, contentionWindow, secure);
  }

  public GossipPlan withRuns(int n) {
    return new GossipPlan(members, n, settle, maxDetection, contentionWindow, secure);
  }

  public GossipPlan withContentionWindow(Duration window) {
    return new GossipPlan(members, runs, settle, maxDetection, window, secure);
  }

  public GossipPlan withSecure(boolean on) {
    return new GossipPlan(members, runs, settle, maxDetection, contentionWindow, on);
  }

  private static void positive(List<String> errors, String field, Duration value, Duration max) {
    if (value.isZero() || value.isNegative() || value.compareTo(max) > 0) {
      errors.add(field + ": " + value + " (expected: > 0s and <= " + max + ")");
    }
  }
}
