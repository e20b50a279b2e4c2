package dev.synod.bench.gossip;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.function.IntFunction;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Ring mechanics with stand-in members: shells that print probe lines and then wait to be killed. */
class MemberProcessesTest {
  private static final Duration START = Duration.ofSeconds(30);
  private static final List<String> NAMES = List.of("n0", "n1", "n2");

  @TempDir
  Path logs;

  private MemberProcesses.Launch launch(IntFunction<String> script) {
    return new MemberProcesses.Launch("synod", NAMES, m -> List.of("/bin/sh", "-c", script.apply(m)), List.of(),
        new ProbeLines(), logs, "documented");
  }

  /** Says it is up and sees the others, then becomes a process that only SIGKILL ends. */
  private static String member(int m) {
    return "echo 'settings preset=test'; echo 'ready n" + m + " 127.0.0.1:1'; echo 'event JOINED n" + ((m + 1) % 3)
        + "'; exec sleep 600";
  }

  @Test
  void membersAreStartedStampedAndKilled() throws Exception {
    try (MemberProcesses ring = MemberProcesses.start(launch(MemberProcessesTest::member), START)) {
      assertThat(ring.members()).isEqualTo(NAMES);
      assertThat(ring.observations().awaitUntil(seen -> seen.stream().filter(o -> o.kind() == ObservationKind.JOINED)
          .count() == 3, System.nanoTime() + START.toNanos())).isTrue();
      assertThat(ring.observations().snapshot()).contains(new Observation(
          ring.observations().snapshot().stream().filter(o -> o.is("n2", ObservationKind.JOINED, "n0")).findFirst()
              .orElseThrow().nanos(), "n2", ObservationKind.JOINED, "n0"));
      assertThat(ring.settings()).isEqualTo("preset=test");

      long before = System.nanoTime();
      long signalled = ring.kill(1);

      assertThat(signalled).isBetween(before, System.nanoTime());
      ring.requireRunning(List.of(0, 2));
      assertThatThrownBy(() -> ring.requireRunning(List.of(0, 1)))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageContaining("synod member n1 is not running (exit code 137)")
          .hasMessageContaining("ready n1 127.0.0.1:1");
    }
    assertThat(logs.resolve("n0.out")).content().contains("event JOINED n1");
  }

  @Test
  void aMemberThatExitsAtOnceFailsTheStartWithItsOutput() {
    assertThatThrownBy(() -> MemberProcesses.start(launch(m -> "echo 'error: port 1 taken' >&2; exit 3"), START))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("synod member n0 is not running (exit code 3)")
        .hasMessageContaining("error: port 1 taken");
  }

  @Test
  void aMemberThatNeverSaysItIsUpTimesOutAndIsKilled() {
    assertThatThrownBy(() -> MemberProcesses.start(launch(m -> "exec sleep 600"), Duration.ofMillis(300)))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("synod member n0 not up within PT0.3S (expected: it prints its ready line)");
  }

  @Test
  void withoutASettingsLineTheDocumentedSettingsStand() throws Exception {
    IntFunction<String> quiet = m -> "echo 'ready n" + m + " 127.0.0.1:1'; exec sleep 600";
    try (MemberProcesses ring = MemberProcesses.start(launch(quiet), START)) {
      assertThat(ring.settings()).isEqualTo("documented");
    }
  }
}
