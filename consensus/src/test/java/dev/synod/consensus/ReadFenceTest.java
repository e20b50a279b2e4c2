package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.consensus.LeadershipQuorum.MemberReport;
import java.io.IOException;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicReference;
import org.junit.jupiter.api.Test;

class ReadFenceTest {
  private static final Leadership T5_BY_N1 = new Leadership(5, "n1");

  /** Probes that wait until the test answers them, so the order of events is the test's. */
  private static final class ScriptedProber implements ReadFence.Prober {
    final List<String> asked = new ArrayList<>();
    final Map<String, CompletableFuture<MemberReport>> pending = new HashMap<>();

    @Override
    public synchronized CompletableFuture<MemberReport> probe(String memberId) {
      asked.add(memberId);
      CompletableFuture<MemberReport> f = new CompletableFuture<>();
      pending.put(memberId, f);
      return f;
    }

    void answer(MemberReport r) {
      take(r.memberId()).complete(r);
    }

    void fail(String memberId) {
      take(memberId).completeExceptionally(new IOException("unreachable"));
    }

    private synchronized CompletableFuture<MemberReport> take(String memberId) {
      return pending.remove(memberId);
    }
  }

  private final AtomicReference<Optional<Leadership>> view = new AtomicReference<>(Optional.of(T5_BY_N1));
  private final ScriptedProber prober = new ScriptedProber();

  private ReadFence fence(String self, Set<String> voters) {
    return new ReadFence(self, view::get, () -> List.of(voters), prober);
  }

  @Test
  void aLeaderIsConfirmedByTheFirstFollowerThatNamesIt() {
    ReadFence f = fence("n1", Set.of("n1", "n2", "n3"));
    CompletableFuture<Leadership> read = f.next();
    assertThat(prober.asked).containsExactlyInAnyOrder("n2", "n3");
    prober.fail("n3");
    assertThat(read).isNotDone();
    prober.answer(MemberReport.follower("n2", Optional.of("n1")));
    assertThat(read).isCompletedWithValue(T5_BY_N1);
  }

  @Test
  void aDeposedLeaderIsRefusedOnceEveryFollowerAnswered() {
    ReadFence f = fence("n1", Set.of("n1", "n2", "n3"));
    CompletableFuture<Leadership> read = f.next();
    prober.answer(MemberReport.leader("n2", 6));
    assertThat(read).isNotDone();
    prober.answer(MemberReport.follower("n3", Optional.of("n2")));
    assertThat(read).isCompletedExceptionally();
  }

  @Test
  void aReadArrivingDuringARoundWaitsForTheNextRound() {
    ReadFence f = fence("n1", Set.of("n1", "n2", "n3"));
    CompletableFuture<Leadership> first = f.next();
    CompletableFuture<Leadership> second = f.next();
    assertThat(prober.asked).hasSize(2);
    prober.answer(MemberReport.follower("n2", Optional.of("n1")));
    assertThat(first).isCompletedWithValue(T5_BY_N1);
    assertThat(second).as("an answer to a round that started before it arrived must not count").isNotDone();
    // The next round started as the first ended and asked again; its answer confirms the second read.
    assertThat(prober.asked).hasSize(4);
    prober.answer(MemberReport.follower("n3", Optional.of("n1")));
    assertThat(second).isCompletedWithValue(T5_BY_N1);
  }

  @Test
  void aFollowerAsksTheLeaderAndIsRefusedWhenItLeadsANewerTerm() {
    ReadFence f = fence("n2", Set.of("n1", "n2", "n3"));
    CompletableFuture<Leadership> read = f.next();
    assertThat(prober.asked).containsExactly("n1");
    prober.answer(MemberReport.leader("n1", 9));
    assertThat(read).isCompletedExceptionally();
    CompletableFuture<Leadership> again = f.next();
    prober.answer(MemberReport.leader("n1", 5));
    assertThat(again).isCompletedWithValue(T5_BY_N1);
  }

  @Test
  void inFiveMembersAFollowerAsksTheLeaderOnlyAfterTheOtherFollowersAnswered() {
    ReadFence f = fence("n2", Set.of("n1", "n2", "n3", "n4", "n5"));
    CompletableFuture<Leadership> read = f.next();
    assertThat(prober.asked).containsExactlyInAnyOrder("n3", "n4", "n5");
    prober.answer(MemberReport.follower("n3", Optional.of("n1")));
    prober.fail("n4");
    assertThat(prober.asked).doesNotContain("n1");
    prober.answer(MemberReport.follower("n5", Optional.of("n4")));
    assertThat(prober.asked).contains("n1");
    prober.answer(MemberReport.leader("n1", 5));
    assertThat(read).isCompletedWithValue(T5_BY_N1);
  }

  @Test
  void aMemberThatKnowsNoLeaderFailsTheRoundWithoutAsking() {
    view.set(Optional.empty());
    CompletableFuture<Leadership> read = fence("n2", Set.of("n1", "n2", "n3")).next();
    assertThat(read).isCompletedExceptionally();
    assertThat(prober.asked).isEmpty();
  }

  @Test
  void aLeaderWhoseTermMovedDuringTheRoundIsRefused() {
    ReadFence f = fence("n1", Set.of("n1", "n2", "n3"));
    CompletableFuture<Leadership> read = f.next();
    view.set(Optional.of(new Leadership(6, "n3")));
    prober.answer(MemberReport.follower("n2", Optional.of("n1")));
    prober.answer(MemberReport.follower("n3", Optional.of("n1")));
    assertThat(read).isCompletedExceptionally();
  }
}
