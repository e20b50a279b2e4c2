package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Many concurrent writes on a real 3-voter group share Raft entries, yet each is answered and ordered alone. */
class WriteBatchingTest {
  private static final int WRITES_PER_NODE = 400;

  @TempDir
  Path dir;

  @Test
  void concurrentWritesShareEntriesAndEachGetsItsOwnResultInLogOrder() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode leader = cluster.awaitLeader();
      RaftNode follower = cluster.aFollower();

      Map<String, CompletableFuture<WriteResult>> writes = new LinkedHashMap<>();
      for (int i = 0; i < WRITES_PER_NODE; i++) {
        for (RaftNode via : List.of(leader, follower)) {
          String value = (i % 50 == 7 ? "reject-" : "batched-") + via.nodeId() + "-" + i;
          writes.put(value, via.write(add(value)));
        }
      }
      CompletableFuture.allOf(writes.values().stream()
          .map(f -> f.handle((r, e) -> null)).toArray(CompletableFuture[]::new)).get(60, TimeUnit.SECONDS);

      List<Map.Entry<String, WriteResult>> applied = new ArrayList<>();
      for (var w : writes.entrySet()) {
        if (w.getKey().startsWith("reject-")) {
          assertThat(w.getValue()).as(w.getKey()).isCompletedExceptionally();
          assertThat(causeOf(w.getValue())).isInstanceOf(IllegalArgumentException.class)
              .hasMessage("rejected by prepare: " + w.getKey());
        } else {
          applied.add(Map.entry(w.getKey(), w.getValue().join()));
        }
      }
      assertThat(applied).hasSize(2 * WRITES_PER_NODE - 2 * (WRITES_PER_NODE / 50));
      assertThat(applied.stream().map(e -> e.getValue().revision()).distinct()).hasSameSizeAs(applied);
      assertThat(applied).allSatisfy(e -> assertThat(e.getValue().revision() / Revisions.SLOTS)
          .isEqualTo(e.getValue().index()));
      long entries = applied.stream().map(e -> e.getValue().index()).distinct().count();
      assertThat(entries).as("Raft entries that carried %s writes", applied.size()).isLessThan(applied.size() / 4);

      List<String> byRevision = applied.stream().sorted(Comparator.comparingLong(e -> e.getValue().revision()))
          .map(Map.Entry::getKey).toList();
      List<String> logOrder = parseAll(follower.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS)).stream()
          .filter(v -> v.startsWith("batched-")).toList();
      assertThat(logOrder).as("the state machine applied them in revision order").isEqualTo(byRevision);
    }
  }

  private static Throwable causeOf(CompletableFuture<WriteResult> f) {
    try {
      f.join();
      return null;
    } catch (CompletionException e) {
      return e.getCause();
    }
  }
}
