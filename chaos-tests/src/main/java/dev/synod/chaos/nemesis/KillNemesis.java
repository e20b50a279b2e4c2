package dev.synod.chaos.nemesis;

import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/**
 * SIGKILLs node containers (their data volumes stay) and starts the same containers again on heal.
 */
public final class KillNemesis implements Nemesis {

  /** Which nodes to kill. */
  public enum Kind {
    /** One random running node. */
    ONE,
    /** A random minority: ⌊(n-1)/2⌋ running nodes (2 of 5). */
    MINORITY,
    /** The current leader. */
    LEADER;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private final List<String> killed = new ArrayList<>();
  private String description = "";

  public KillNemesis(Kind kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  @Override
  public String name() {
    return "kill-" + kind.label();
  }

  /** Nodes killed by the active fault. */
  public List<String> killed() {
    return List.copyOf(killed);
  }

  @Override
  public void apply(NemesisContext ctx) {
    List<String> targets = targets(ctx);
    for (String node : targets) {
      ctx.cluster().kill(node);
      killed.add(node);
    }
    description = "SIGKILL " + targets;
  }

  private List<String> targets(NemesisContext ctx) {
    List<String> live = new ArrayList<>(ctx.cluster().liveNodes());
    if (live.isEmpty()) {
      throw new IllegalStateException("no live node to kill");
    }
    switch (kind) {
      case ONE:
        return List.of(live.get(ctx.random().nextInt(live.size())));
      case MINORITY:
        Collections.shuffle(live, ctx.random());
        int count = Math.max(1, (ctx.cluster().size() - 1) / 2);
        List<String> t = new ArrayList<>(live.subList(0, Math.min(count, live.size())));
        Collections.sort(t);
        return t;
      case LEADER:
        return List.of(ctx.requireLeader(Duration.ofSeconds(10)));
      default:
        throw new AssertionError(kind);
    }
  }

  @Override
  public void heal(NemesisContext ctx) {
    HealSteps.forEach(List.copyOf(killed), node -> {
      ctx.cluster().restart(node);
      killed.remove(node);
    });
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean active() {
    return !killed.isEmpty();
  }
}
