package dev.synod.bench.gossip;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stdout of {@code synod gossip-probe}: {@code settings TEXT}, {@code ready NODE ADDRESS}, {@code event
 * TYPE NODE} and {@code suspect NODE}. UPDATED and LEAVING events change nobody's liveness and are skipped.
 */
public final class ProbeLines implements LineParser {
  private static final Pattern SETTINGS = Pattern.compile("settings (.+)");
  private static final Pattern READY = Pattern.compile("ready (\\S+) \\S+");
  private static final Pattern EVENT = Pattern.compile("event (JOINED|FAILED|LEFT) (\\S+)");
  private static final Pattern SUSPECT = Pattern.compile("suspect (\\S+)");

  @Override
  public Optional<ParsedLine> parse(String line) {
    Matcher m;
    if ((m = SETTINGS.matcher(line)).matches()) {
      return Optional.of(new ParsedLine(ObservationKind.SETTINGS, m.group(1)));
    }
    if ((m = READY.matcher(line)).matches()) {
      return Optional.of(new ParsedLine(ObservationKind.READY, m.group(1)));
    }
    if ((m = EVENT.matcher(line)).matches()) {
      return Optional.of(new ParsedLine(ObservationKind.valueOf(m.group(1)), m.group(2)));
    }
    if ((m = SUSPECT.matcher(line)).matches()) {
      return Optional.of(new ParsedLine(ObservationKind.SUSPECTED, m.group(1)));
    }
    return Optional.empty();
  }
}
