package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicBoolean;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Writes proposed on the leader enter its division in-process; when leadership moves away under them, the ones in
 * flight are resent to the new leader with their call id and none is lost or applied twice.
 */
class LocalLeaderWritesTest {
  private static final int WRITERS = 6;

  @TempDir
  Path dir;

  @Test
  void writesOnTheLeaderSurviveLeadershipMovingAwayAndApplyExactlyOnce() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode first = cluster.awaitLeader();
      String other = cluster.aFollower().nodeId();
      ConcurrentLinkedQueue<String> acknowledged = new ConcurrentLinkedQueue<>();
      ConcurrentLinkedQueue<Throwable> failures = new ConcurrentLinkedQueue<>();
      AtomicBoolean stop = new AtomicBoolean();
      ExecutorService writers = Executors.newFixedThreadPool(WRITERS);
      List<Future<?>> running = new ArrayList<>();
      for (int w = 0; w < WRITERS; w++) {
        String prefix = "w" + w + "-";
        running.add(writers.submit(() -> {
          for (int i = 0; !stop.get(); i++) {
            try {
              first.write(add(prefix + i)).get(30, TimeUnit.SECONDS);
              acknowledged.add(prefix + i);
            } catch (ExecutionException e) {
              failures.add(e.getCause());
            }
          }
          return null;
        }));
      }
      try {
        long resendsBefore = first.localWriteResends();
        for (String target : List.of(other, first.nodeId(), other, first.nodeId())) {
          awaitAcknowledged(acknowledged, 200);
          first.transferLeadership(target, Duration.ofSeconds(20)).get(30, TimeUnit.SECONDS);
          await().atMost(TestCluster.PATIENCE)
              .until(() -> cluster.awaitLeader().nodeId().equals(target));
        }
        awaitAcknowledged(acknowledged, 200);
        assertThat(first.localWriteResends()).as("writes resent after leadership moved away")
            .isGreaterThan(resendsBefore);
      } finally {
        stop.set(true);
        for (Future<?> f : running) {
          f.get(60, TimeUnit.SECONDS);
        }
        writers.shutdown();
      }

      assertThat(failures).as("writes that failed").isEmpty();
      for (RaftNode node : cluster.running()) {
        List<String> applied = parseAll(node.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS));
        assertThat(applied).as("entries applied on %s", node.nodeId()).doesNotHaveDuplicates()
            .containsAll(acknowledged);
      }
      assertThat(Optional.of(first.nodeId())).isEqualTo(first.status().leaderId());
    }
  }

  /**
   * The leader commits a write, stalls applying it, is cut off and deposed; when it hears of its successor it
   * answers the write "not leader", and the resend must reach the successor's retry cache, not append it again.
   */
  @Test
  void aWriteCommittedByALeaderDeposedBeforeAnsweringAppliesOnce() throws Exception {
    try (TestCluster cluster = TestCluster.startWithN1LeadingAndSlowToNotice(dir)) {
      RaftNode old = cluster.node("n1");
      old.write(add("before")).get(30, TimeUnit.SECONDS);
      List<RaftNode> others = cluster.running().stream().filter(n -> n != old).toList();

      CountDownLatch release = cluster.member("n1").sm.holdApplyOf("once");
      try {
        CompletableFuture<WriteResult> once = old.write(add("once"));
        await().atMost(TestCluster.PATIENCE).until(() -> others.stream()
            .allMatch(n -> parseAll(n.readStale(bytes("all"))).contains("once")));
        TestPartition.cutOff(old.nodeId());
        await().atMost(TestCluster.PATIENCE).until(() -> others.get(0).status().leaderId()
            .filter(l -> !l.equals(old.nodeId())).isPresent());
        assertThat(once).as("n1 still holds the write, unanswered").isNotDone();
        TestPartition.heal();
        await().atMost(TestCluster.PATIENCE).until(() -> old.status().role() == RaftRole.FOLLOWER);
        release.countDown();

        WriteResult result = once.get(30, TimeUnit.SECONDS);
        assertThat(old.localWriteResends()).as("resends of the write n1 could not answer").isPositive();
        for (RaftNode node : cluster.running()) {
          await().atMost(TestCluster.PATIENCE).ignoreExceptions().untilAsserted(() ->
              assertThat(parseAll(node.readLinearizable(bytes("all")).get(10, TimeUnit.SECONDS)))
                  .as("entries applied on %s", node.nodeId()).containsExactly("before", "once"));
        }
        assertThat(result.result()).asString(StandardCharsets.UTF_8).isEqualTo("ok:2");
      } finally {
        release.countDown();
        TestPartition.heal();
      }
    }
  }

  private static void awaitAcknowledged(ConcurrentLinkedQueue<String> acknowledged, int more) {
    int target = acknowledged.size() + more;
    await().atMost(TestCluster.PATIENCE).until(() -> acknowledged.size() >= target);
  }
}
