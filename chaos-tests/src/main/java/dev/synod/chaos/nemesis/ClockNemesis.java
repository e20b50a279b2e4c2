package dev.synod.chaos.nemesis;

import dev.synod.chaos.cluster.DockerCluster;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Objects;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Clock faults through libfaketime (the cluster must run with {@link DockerCluster.Builder#faketime(boolean)}):
 * the nemesis writes offsets such as {@code +30} or {@code -10} (seconds) into each target's {@link
 * DockerCluster#FAKETIME_FILE}. Only the wall clock moves ({@code FAKETIME_DONT_FAKE_MONOTONIC=1}): {@code
 * System.currentTimeMillis()} and {@code Instant.now()} jump, {@code System.nanoTime()} does not. Nodes see a
 * change within the cluster's faketime cache duration (1 s by default). Heal writes {@code +0} everywhere.
 *
 * <ul>
 *   <li>{@link #skew(Duration)}: a random non-empty set of nodes, each shifted by a random offset in ±[1 s, max];
 *   <li>{@link #strobe(Duration, Duration, int)}: a random non-empty set of nodes whose clocks flip between
 *       {@code +delta} and {@code -delta} every period, a number of times, from a background thread.
 * </ul>
 */
public final class ClockNemesis implements Nemesis {
  private static final Logger LOG = LoggerFactory.getLogger(ClockNemesis.class);

  private final boolean strobe;
  private final Duration amount;
  private final Duration period;
  private final int flips;
  private final Map<String, String> applied = new LinkedHashMap<>();
  private String description = "";
  private Thread strober;

  private ClockNemesis(boolean strobe, Duration amount, Duration period, int flips) {
    if (amount.toSeconds() < 1) {
      throw new IllegalArgumentException("clock offset: " + amount + " (expected: >= 1s)");
    }
    this.strobe = strobe;
    this.amount = amount;
    this.period = period;
    this.flips = flips;
  }

  /** Shifts random nodes' wall clocks by up to {@code max} either way. */
  public static ClockNemesis skew(Duration max) {
    return new ClockNemesis(false, Objects.requireNonNull(max, "max"), Duration.ZERO, 0);
  }

  /**
   * Flips random nodes' clocks between {@code +delta} and {@code -delta} every {@code period} ({@code flips}
   * times; the last offset stays until heal). A period shorter than the cluster's faketime cache duration is
   * partly invisible to the nodes.
   */
  public static ClockNemesis strobe(Duration delta, Duration period, int flips) {
    if (period.toMillis() < 50 || flips < 1) {
      throw new IllegalArgumentException("strobe: period " + period + ", flips " + flips
          + " (expected: period >= 50ms, flips >= 1)");
    }
    return new ClockNemesis(true, Objects.requireNonNull(delta, "delta"), period, flips);
  }

  @Override
  public String name() {
    return strobe ? "clock-strobe" : "clock-skew";
  }

  /** Offsets in effect, node → offset (for a strobe: the first offset). */
  public Map<String, String> offsets() {
    return Map.copyOf(applied);
  }

  @Override
  public void apply(NemesisContext ctx) {
    DockerCluster cluster = ctx.cluster();
    List<String> live = new ArrayList<>(cluster.liveNodes());
    if (live.isEmpty()) {
      throw new IllegalStateException("no live node to skew");
    }
    Collections.shuffle(live, ctx.random());
    List<String> targets = new ArrayList<>(live.subList(0, 1 + ctx.random().nextInt(live.size())));
    Collections.sort(targets);
    long max = amount.toSeconds();
    try {
      if (!strobe) {
        for (String node : targets) {
          long s = 1 + (long) (ctx.random().nextDouble() * max);
          String offset = (ctx.random().nextBoolean() ? "+" : "-") + s;
          applied.put(node, offset);
          cluster.setClockOffset(node, offset);
        }
        description = "clock skew " + applied;
      } else {
        for (String node : targets) {
          applied.put(node, "+" + max);
          cluster.setClockOffset(node, "+" + max);
        }
        description = "clock strobe " + targets + " between +" + max + "s and -" + max + "s every "
            + period.toMillis() + " ms, " + flips + " flips";
        startStrober(cluster, targets, max);
      }
    } catch (RuntimeException e) {
      heal(ctx);
      throw e;
    }
  }

  private void startStrober(DockerCluster cluster, List<String> targets, long max) {
    Thread t = new Thread(() -> {
      boolean plus = true;
      for (int i = 0; i < flips && !Thread.currentThread().isInterrupted(); i++) {
        try {
          Thread.sleep(period.toMillis());
        } catch (InterruptedException e) {
          return;
        }
        plus = !plus;
        for (String node : targets) {
          try {
            cluster.setClockOffset(node, (plus ? "+" : "-") + max);
          } catch (RuntimeException e) {
            LOG.warn("strobe: cannot set the clock of {}: {}", node, e.toString());
          }
        }
      }
    }, "clock-strobe");
    t.setDaemon(true);
    strober = t;
    t.start();
  }

  @Override
  public void heal(NemesisContext ctx) {
    if (strober != null) {
      strober.interrupt();
      try {
        strober.join(10_000);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
      strober = null;
    }
    if (applied.isEmpty()) {
      return;
    }
    HealSteps.forEach(List.copyOf(applied.keySet()), node -> {
      DockerCluster c = ctx.cluster();
      if (c.isRunning(node) && !c.isPaused(node)) {
        c.setClockOffset(node, "+0");
      } // a stopped node restarts at +0; a paused one is reset by DockerCluster.healAll()
      applied.remove(node);
    });
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean active() {
    return !applied.isEmpty() || strober != null;
  }
}
