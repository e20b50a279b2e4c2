package dev.synod.chaos.nemesis;

/**
 * One kind of fault. {@link #apply} injects a fault (choosing its targets with the context's seeded random), and
 * {@link #heal} undoes whatever this nemesis did, and must be safe to call when nothing is applied and to call
 * twice. A nemesis keeps the state of its current fault, so one instance serves one cluster at a time and is not
 * thread-safe.
 */
public interface Nemesis {

  /** A stable name, e.g. {@code partition-majorities-ring}; used in histories and reports. */
  String name();

  /** Injects a fault. Throws if it could not (for example no leader to isolate); then nothing stays applied. */
  void apply(NemesisContext ctx);

  /** Undoes the fault of the last {@link #apply}; a no-op if none is active. */
  void heal(NemesisContext ctx);

  /** What the last {@link #apply} did, e.g. {@code isolated n3 from [n1, n2, n4, n5]}; empty before any. */
  String description();

  /** Whether a fault of this nemesis is in effect (applied and not yet healed). */
  boolean active();
}
