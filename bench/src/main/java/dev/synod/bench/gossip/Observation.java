package dev.synod.bench.gossip;

import java.util.Objects;

/**
 * A recognised line of one member, stamped with {@link System#nanoTime()} when the harness read it: both
 * systems' members are timed the same way, by the arrival of their output.
 *
 * @param observer the member that printed the line
 * @param value as in {@link ParsedLine#value()}
 */
public record Observation(long nanos, String observer, ObservationKind kind, String value) {
  public Observation {
    Objects.requireNonNull(observer, "observer");
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }

  /** Whether this is {@code observer} reporting {@code kind} about {@code member}. */
  public boolean is(String observer, ObservationKind kind, String member) {
    return this.kind == kind && this.observer.equals(observer) && value.equals(member);
  }
}
