package dev.synod.bench.gossip;

import java.util.Objects;

/**
 * A recognised output line.
 *
 * @param value the member the line is about; for {@link ObservationKind#SETTINGS}, the settings text; empty
 *     when the line names nobody
 */
public record ParsedLine(ObservationKind kind, String value) {
  public ParsedLine {
    Objects.requireNonNull(kind, "kind");
    Objects.requireNonNull(value, "value");
  }
}
