package dev.synod.bench.gossip;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Optional;
import org.junit.jupiter.api.Test;

class LineParsersTest {
  private final ProbeLines probe = new ProbeLines();
  private final SerfLogLines serf = new SerfLogLines();

  private static Optional<ParsedLine> line(ObservationKind kind, String value) {
    return Optional.of(new ParsedLine(kind, value));
  }

  @Test
  void probeLines() {
    assertThat(probe.parse("settings preset=lan pingInterval=1000ms tls=mutual"))
        .isEqualTo(line(ObservationKind.SETTINGS, "preset=lan pingInterval=1000ms tls=mutual"));
    assertThat(probe.parse("ready n0 127.0.0.1:25100")).isEqualTo(line(ObservationKind.READY, "n0"));
    assertThat(probe.parse("event JOINED n2")).isEqualTo(line(ObservationKind.JOINED, "n2"));
    assertThat(probe.parse("event FAILED n3")).isEqualTo(line(ObservationKind.FAILED, "n3"));
    assertThat(probe.parse("event LEFT n3")).isEqualTo(line(ObservationKind.LEFT, "n3"));
    assertThat(probe.parse("suspect n4")).isEqualTo(line(ObservationKind.SUSPECTED, "n4"));
  }

  @Test
  void probeLinesThatChangeNobodysLivenessOrAreNotTheProtocolAreSkipped() {
    assertThat(probe.parse("event UPDATED n2")).isEmpty();
    assertThat(probe.parse("event LEAVING n2")).isEmpty();
    assertThat(probe.parse("event FAILED")).isEmpty();
    assertThat(probe.parse("warning: gossip-probe n0 gossips IN PLAINTEXT (insecure-dev)")).isEmpty();
    assertThat(probe.parse("")).isEmpty();
  }

  @Test
  void serfLines() {
    assertThat(serf.parse("==> Serf agent running!")).isEqualTo(line(ObservationKind.READY, ""));
    assertThat(serf.parse("    2026/11/23 15:09:01 [INFO] serf: EventMemberJoin: n1 127.0.0.1"))
        .isEqualTo(line(ObservationKind.JOINED, "n1"));
    assertThat(serf.parse("    2026/11/23 15:09:11 [INFO] serf: EventMemberFailed: n3 127.0.0.1"))
        .isEqualTo(line(ObservationKind.FAILED, "n3"));
    assertThat(serf.parse("    2026/11/23 15:09:11 [INFO] serf: EventMemberLeave: n3 127.0.0.1"))
        .isEqualTo(line(ObservationKind.LEFT, "n3"));
    assertThat(serf.parse("    2026/11/23 15:09:07 [INFO] memberlist: Suspect n3 has failed, no acks received"))
        .isEqualTo(line(ObservationKind.SUSPECTED, "n3"));
  }

  @Test
  void serfLinesAboutOtherThingsAreSkipped() {
    assertThat(serf.parse("    2026/11/23 15:09:11 [INFO] memberlist: Marking n3 as failed, suspect timeout"
        + " reached (2 peer confirmations)")).isEmpty();
    assertThat(serf.parse("    2026/11/23 15:09:12 [INFO] agent: Received event: member-failed")).isEmpty();
    assertThat(serf.parse("    2026/11/23 15:09:12 [INFO] serf: EventMemberUpdate: n3")).isEmpty();
    assertThat(serf.parse("==> Starting Serf agent...")).isEmpty();
  }
}
