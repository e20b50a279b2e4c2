package dev.synod.chaos.history;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import com.google.gson.JsonArray;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.CountDownLatch;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;

/** The recorder keeps Jepsen's invariants: ordered indices and times, one op in flight per process. */
class HistoryTest {
  private long now = 100;
  private final History h = new History(() -> now);

  @Test
  void timesAreRelativeToTheStartAndNeverGoBack() {
    now = 150;
    Op a = h.invoke(0, "read", "x", null);
    now = 120; // a clock that steps back must not reorder the history
    Op b = h.ok(a, OpValue.of(3L));
    assertThat(a.timeNanos()).isEqualTo(50);
    assertThat(b.timeNanos()).isEqualTo(50);
    assertThat(List.of(a.index(), b.index())).containsExactly(0L, 1L);
    assertThat(b.f()).isEqualTo("read");
    assertThat(b.key()).isEqualTo("x");
  }

  @Test
  void pairsMatchCompletionsByProcessAndCloseOpenOnesAsInfo() {
    Op r = h.invoke(0, "read", "x", null);
    Op w = h.invoke(1, "write", "x", OpValue.of(1L));
    h.nemesis("start-partition", OpValue.none());
    now = 200;
    h.ok(r, OpValue.of(1L));
    List<OpPair> pairs = h.pairs();
    assertThat(pairs).hasSize(2);
    assertThat(pairs.get(0).invoke()).isEqualTo(r);
    assertThat(pairs.get(0).type()).isEqualTo(OpType.OK);
    assertThat(pairs.get(0).latencyNanos()).isEqualTo(100);
    assertThat(pairs.get(1).invoke()).isEqualTo(w);
    assertThat(pairs.get(1).pending()).isTrue();
    assertThat(pairs.get(1).type()).isEqualTo(OpType.INFO);
    assertThat(pairs.get(1).completion().timeNanos()).isEqualTo(100);
    assertThat(h.nemesisOps()).singleElement().satisfies(n -> assertThat(n.process()).isEqualTo(Op.NEMESIS));
  }

  @Test
  void processCannotHaveTwoOpsInFlight() {
    Op first = h.invoke(0, "read", "x", null);
    assertThatThrownBy(() -> h.invoke(0, "read", "y", null))
        .hasMessage("process 0: op 0 is still in flight (expected: one op in flight per process)");
    h.info(first, "timeout");
    assertThatThrownBy(() -> h.ok(first, OpValue.of(1L)))
        .hasMessage("process 0: no op in flight to complete with ok (already completed?)");
  }

  @Test
  void completingAnOpThatIsNotInFlightIsRejected() {
    Op first = h.invoke(0, "read", "x", null);
    h.fail(first, "refused");
    h.invoke(0, "read", "x", null);
    assertThatThrownBy(() -> h.ok(first, OpValue.of(1L))).hasMessageStartingWith("op 0: not in flight");
  }

  @Test
  void recordedValuesCannotBeChangedAfterwards() {
    JsonArray cas = OpValue.cas(1, 2).getAsJsonArray();
    Op op = h.invoke(0, "cas", "x", cas);
    cas.set(0, OpValue.of(9L));
    op.value().getAsJsonArray().set(1, OpValue.of(9L));
    assertThat(h.ops().get(0).value().toString()).isEqualTo("[1,2]");
  }

  @Test
  void concurrentRecordersGetConsecutiveIndicesAndOrderedTimes() throws Exception {
    History live = new History();
    int threads = 8;
    ExecutorService pool = Executors.newFixedThreadPool(threads);
    CountDownLatch go = new CountDownLatch(1);
    for (int p = 0; p < threads; p++) {
      int process = p;
      pool.submit(() -> {
        go.await();
        for (int i = 0; i < 500; i++) {
          Op inv = live.invoke(process, "write", "k" + process, OpValue.of((long) i));
          live.ok(inv, inv.value());
        }
        return null;
      });
    }
    go.countDown();
    pool.shutdown();
    assertThat(pool.awaitTermination(30, TimeUnit.SECONDS)).isTrue();

    List<Op> ops = live.ops();
    assertThat(ops).hasSize(threads * 1000);
    List<Long> times = new ArrayList<>();
    for (int i = 0; i < ops.size(); i++) {
      assertThat(ops.get(i).index()).isEqualTo(i);
      times.add(ops.get(i).timeNanos());
    }
    assertThat(times).isSorted();
    assertThat(live.pairs()).hasSize(threads * 500).allMatch(p -> p.type() == OpType.OK);
  }

  @Test
  void replayRejectsAMalformedHistory() {
    Op a = new Op(0, OpType.INVOKE, "read", "x", null, 0, 10, null);
    Op done = new Op(2, OpType.OK, "read", "x", null, 0, 11, null);
    assertThatThrownBy(() -> History.of(List.of(a, done))).hasMessage("index: 2 (expected: 1)");
    Op wrongF = new Op(1, OpType.OK, "write", "x", null, 0, 11, null);
    assertThatThrownBy(() -> History.of(List.of(a, wrongF)))
        .hasMessage("f of op 1: write (expected: read, the f of op 0)");
  }
}
