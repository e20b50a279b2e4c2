package dev.synod.chaos.nemesis;

import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Objects;

/** Freezes a node with {@code docker pause} (cgroup freezer: like SIGSTOP to every process) and thaws it on heal. */
public final class PauseNemesis implements Nemesis {

  /** Which node to pause. */
  public enum Kind {
    /** One random live node. */
    ONE,
    /** The current leader. */
    LEADER;

    String label() {
      return name().toLowerCase(Locale.ROOT);
    }
  }

  private final Kind kind;
  private String paused;
  private String description = "";

  public PauseNemesis(Kind kind) {
    this.kind = Objects.requireNonNull(kind, "kind");
  }

  @Override
  public String name() {
    return "pause-" + kind.label();
  }

  /** The node paused by the active fault, or null. */
  public String paused() {
    return paused;
  }

  @Override
  public void apply(NemesisContext ctx) {
    String node;
    if (kind == Kind.LEADER) {
      node = ctx.requireLeader(Duration.ofSeconds(10));
    } else {
      List<String> live = ctx.cluster().liveNodes();
      if (live.isEmpty()) {
        throw new IllegalStateException("no live node to pause");
      }
      node = live.get(ctx.random().nextInt(live.size()));
    }
    ctx.cluster().pause(node);
    paused = node;
    description = "pause " + node;
  }

  @Override
  public void heal(NemesisContext ctx) {
    if (paused != null) {
      ctx.cluster().unpause(paused);
      paused = null;
    }
  }

  @Override
  public String description() {
    return description;
  }

  @Override
  public boolean active() {
    return paused != null;
  }
}
