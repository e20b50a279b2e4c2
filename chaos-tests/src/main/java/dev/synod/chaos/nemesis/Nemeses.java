package dev.synod.chaos.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** The catalogue: fresh instances of every nemesis, grouped as the chaos suite uses them. */
public final class Nemeses {
  private Nemeses() {}

  public static List<Nemesis> partitions() {
    List<Nemesis> l = new ArrayList<>();
    for (PartitionNemesis.Kind k : PartitionNemesis.Kind.values()) {
      l.add(new PartitionNemesis(k));
    }
    return l;
  }

  public static List<Nemesis> kills() {
    List<Nemesis> l = new ArrayList<>();
    for (KillNemesis.Kind k : KillNemesis.Kind.values()) {
      l.add(new KillNemesis(k));
    }
    return l;
  }

  public static List<Nemesis> pauses() {
    return List.of(new PauseNemesis(PauseNemesis.Kind.ONE), new PauseNemesis(PauseNemesis.Kind.LEADER));
  }

  /** Skew up to 60 s; strobe ±20 s every 1.5 s, 6 flips. */
  public static List<Nemesis> clocks() {
    return List.of(ClockNemesis.skew(Duration.ofSeconds(60)),
        ClockNemesis.strobe(Duration.ofSeconds(20), Duration.ofMillis(1500), 6));
  }

  public static List<Nemesis> membership() {
    return List.of(new MembershipNemesis());
  }

  /** Every nemesis above (partitions, kills, pauses, clocks, membership). */
  public static List<Nemesis> all() {
    List<Nemesis> l = new ArrayList<>();
    l.addAll(partitions());
    l.addAll(kills());
    l.addAll(pauses());
    l.addAll(clocks());
    l.addAll(membership());
    return l;
  }

  /** A fresh instance by {@link Nemesis#name()}. */
  public static Nemesis byName(String name) {
    return all().stream().filter(n -> n.name().equals(name)).findFirst()
        .orElseThrow(() -> new IllegalArgumentException("nemesis: " + name + " (expected one of "
            + all().stream().map(Nemesis::name).toList() + ")"));
  }
}
