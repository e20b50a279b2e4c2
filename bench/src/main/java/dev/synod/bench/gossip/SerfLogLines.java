package dev.synod.bench.gossip;

import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * The stdout of {@code serf agent}: its banner, then its log. serf logs each member event just before it hands
 * the event to its handlers ({@code serf: EventMemberFailed: NODE ADDR}), and memberlist logs each probe round
 * that ended without any ack ({@code memberlist: Suspect NODE has failed, no acks received}).
 */
public final class SerfLogLines implements LineParser {
  private static final Pattern RUNNING = Pattern.compile("==> Serf agent running!");
  private static final Pattern EVENT =
      Pattern.compile(".*\\[INFO] serf: EventMember(Join|Failed|Leave): (\\S+)(?: .*)?");
  private static final Pattern SUSPECT =
      Pattern.compile(".*\\[INFO] memberlist: Suspect (\\S+) has failed, no acks received.*");

  @Override
  public Optional<ParsedLine> parse(String line) {
    String trimmed = line.strip();
    if (RUNNING.matcher(trimmed).matches()) {
      return Optional.of(new ParsedLine(ObservationKind.READY, ""));
    }
    Matcher m;
    if ((m = EVENT.matcher(trimmed)).matches()) {
      ObservationKind kind = switch (m.group(1)) {
        case "Join" -> ObservationKind.JOINED;
        case "Failed" -> ObservationKind.FAILED;
        default -> ObservationKind.LEFT;
      };
      return Optional.of(new ParsedLine(kind, m.group(2)));
    }
    if ((m = SUSPECT.matcher(trimmed)).matches()) {
      return Optional.of(new ParsedLine(ObservationKind.SUSPECTED, m.group(1)));
    }
    return Optional.empty();
  }
}
