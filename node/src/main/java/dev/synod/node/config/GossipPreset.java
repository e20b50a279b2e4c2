package dev.synod.node.config;

import java.util.Locale;

/** Gossip timing presets: {@code local} for nodes on one machine, {@code lan} for a data-centre network. */
public enum GossipPreset {
  LOCAL,
  LAN;

  /** The name used in YAML, variables and flags. */
  public String configName() {
    return name().toLowerCase(Locale.ROOT);
  }
}
