package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;

class ListenerDispatcherTest {
  private static final Duration PATIENCE = Duration.ofSeconds(10);

  /** Records applies and leader changes in arrival order; wants applies only while {@code wants} is set. */
  private static final class Recorder implements AppliedListener {
    final AtomicBoolean wants = new AtomicBoolean(true);
    final List<String> events = new CopyOnWriteArrayList<>();

    @Override
    public void onApplied(long index) {
      events.add("applied " + index);
    }

    @Override
    public boolean wantsApplied() {
      return wants.get();
    }

    @Override
    public void onLeaderChanged(Optional<String> leaderId, long term) {
      events.add("term " + term);
    }
  }

  @Test
  void appliesAreSkippedWhileNoListenerWantsThem() {
    try (ListenerDispatcher dispatcher = new ListenerDispatcher("n1")) {
      Recorder recorder = new Recorder();
      dispatcher.add(recorder);

      recorder.wants.set(false);
      dispatcher.applied(5);
      dispatcher.leaderChanged(Optional.of("n1"), 2);
      await().atMost(PATIENCE).until(() -> recorder.events.contains("term 2"));

      recorder.wants.set(true);
      dispatcher.applied(6);
      await().atMost(PATIENCE).until(() -> recorder.events.contains("applied 6"));
      assertThat(recorder.events).containsExactly("term 2", "applied 6");
    }
  }

  @Test
  void aListenerThatFollowsNoAppliesDoesNotCauseThem() {
    try (ListenerDispatcher dispatcher = new ListenerDispatcher("n1")) {
      List<String> heard = new CopyOnWriteArrayList<>();
      dispatcher.add(new ConsensusListener() {
        @Override
        public void onLeaderChanged(Optional<String> leaderId, long term) {
          heard.add("term " + term);
        }
      });
      Recorder skipping = new Recorder();
      skipping.wants.set(false);
      dispatcher.add(skipping);

      dispatcher.applied(7);
      dispatcher.leaderChanged(Optional.empty(), 3);
      await().atMost(PATIENCE).until(() -> heard.contains("term 3") && skipping.events.contains("term 3"));
      assertThat(skipping.events).containsExactly("term 3");
    }
  }
}
