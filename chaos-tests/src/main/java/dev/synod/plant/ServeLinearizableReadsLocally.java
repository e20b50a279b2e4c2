package dev.synod.plant;

/**
 * Marker for the planted stale-read bug. A node whose classpath holds this class answers linearizable
 * reads from local state. Only the chaos suite's planted-bug image carries it; it proves the checker
 * catches stale reads.
 */
public final class ServeLinearizableReadsLocally {
  private ServeLinearizableReadsLocally() {}
}
