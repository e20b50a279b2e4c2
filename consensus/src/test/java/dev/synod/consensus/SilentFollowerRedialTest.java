package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * The leader gives a follower that stopped answering a new connection, again while it stays silent, and the follower
 * catches up over it once it answers again. (Whether a new connection beats the kernel's retransmission backoff is a
 * matter of real networks: the chaos suite's link-cut test checks that.)
 */
class SilentFollowerRedialTest {
  @TempDir Path dir;

  @AfterEach
  void heal() {
    TestPartition.heal();
  }

  @Test
  void aSilentFollowerIsRedialledWhileSilentAndCatchesUpOverTheNewConnection() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode leader = cluster.awaitLeader();
      RaftNode follower = cluster.running().stream().filter(n -> n != leader).findFirst().orElseThrow();
      leader.write(add("before")).get(30, TimeUnit.SECONDS);
      assertThat(leader.followerRedials()).as("no follower was silent yet").isZero();

      TestPartition.cutOff(follower.nodeId());
      leader.write(add("while-cut")).get(30, TimeUnit.SECONDS);
      // The first redial after 3 election timeouts of silence, the next one no sooner than 3 more.
      await().atMost(Duration.ofSeconds(30)).until(() -> leader.followerRedials() >= 2);

      heal();
      await().atMost(TestCluster.PATIENCE).ignoreExceptions().untilAsserted(() ->
          assertThat(parseAll(follower.readLinearizable(bytes("all")).get(10, TimeUnit.SECONDS)))
              .containsExactly("before", "while-cut"));
    }
  }

  @Test
  void aFollowerIsRedialledOncePerSilentPeriodAndNeverWhileARedialRuns() {
    List<Runnable> queued = new ArrayList<>();
    List<String> dialled = new ArrayList<>();
    SilentFollowerRedial redial = new SilentFollowerRedial(() -> null, peer -> dialled.add(peer.toString()),
        Duration.ofSeconds(3), queued::add);
    long t0 = 1_000_000_000L;
    long second = 1_000_000_000L;

    redial.consider("n2", 2_999, t0);
    assertThat(queued).as("silent for less than 3 s").isEmpty();
    redial.consider("n2", 3_000, t0);
    assertThat(queued).as("silent for 3 s").hasSize(1);
    redial.consider("n2", 9_000, t0 + 5 * second);
    assertThat(queued).as("the first redial has not run yet").hasSize(1);

    queued.get(0).run();
    assertThat(dialled).containsExactly("n2");
    redial.consider("n2", 5_000, t0 + 2 * second);
    assertThat(queued).as("redialled 2 s ago").hasSize(1);
    redial.consider("n2", 6_000, t0 + 3 * second);
    assertThat(queued).as("still silent 3 s after the last redial").hasSize(2);
    redial.consider("n3", 100, t0 + 3 * second);
    assertThat(queued).as("n3 answers").hasSize(2);

    queued.get(1).run();
    redial.consider("n2", 10, t0 + 4 * second);
    redial.consider("n2", 3_000, t0 + 5 * second);
    assertThat(queued).as("n2 answered in between: a new silence, redialled at once").hasSize(3);
    assertThat(redial.redials()).isEqualTo(3);
  }
}
