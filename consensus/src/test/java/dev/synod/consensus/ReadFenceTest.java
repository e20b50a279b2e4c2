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
import java.util.concurrent.atomic.AtomicLong;
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
  /** This member's commit index as leader. */
  private final AtomicLong ownReadIndex = new AtomicLong(42);

  private ReadFence fence(String self, Set<String> voters) {
    return new ReadFence(self, view::get, () -> List.of(voters), prober, ownReadIndex::get);
  }

  private static ReadPoint at(long readIndex) {
    return new ReadPoint(T5_BY_N1, readIndex);
  }

  @Test
  void aLeaderIsConfirmedByTheFirstFollowerThatNamesIt() {
    ReadFence f = fence("n1", Set.of("n1", "n2", "n3"));
    CompletableFuture<ReadPoint> read = f.next();
    assertThat(prober.asked).containsExactlyInAnyOrder("n2", "n3");
    prober.fail("n3");
    assertThat(read).isNotDone();
    prober.answer(MemberReport.follower("n2", Optional.of("n1")));
    assertThat(read).isCompletedWithValue(at(42));
  }

  @Test
  void aDeposedLeaderIsRefusedOnceEveryFollowerAnswered() {
    ReadFence f = fence("n1", Set.of("n1", "n2", "n3"));
    CompletableFuture<ReadPoint> read = f.next();
    prober.answer(MemberReport.leader("n2", 6));
    assertThat(read).isNotDone();
    prober.answer(MemberReport.follower("n3", Optional.of("n2")));
    assertThat(read).isCompletedExceptionally();
  }

  @Test
  void aReadArrivingDuringARoundWaitsForTheNextRound() {
    ReadFence f = fence("n1", Set.of("n1", "n2", "n3"));
    CompletableFuture<ReadPoint> first = f.next();
    CompletableFuture<ReadPoint> second = f.next();
    assertThat(prober.asked).hasSize(2);
    prober.answer(MemberReport.follower("n2", Optional.of("n1")));
    assertThat(first).isCompletedWithValue(at(42));
    assertThat(second).as("an answer to a round that started before it arrived must not count").isNotDone();
    // The next round started as the first ended and asked again; its answer confirms the second read.
    assertThat(prober.asked).hasSize(4);
    prober.answer(MemberReport.follower("n3", Optional.of("n1")));
    assertThat(second).isCompletedWithValue(at(42));
  }

  @Test
  void aFollowerAsksTheLeaderAndIsRefusedWhenItLeadsANewerTerm() {
    ReadFence f = fence("n2", Set.of("n1", "n2", "n3"));
    CompletableFuture<ReadPoint> read = f.next();
    assertThat(prober.asked).containsExactly("n1");
    prober.answer(MemberReport.leader("n1", 9));
    assertThat(read).isCompletedExceptionally();
    CompletableFuture<ReadPoint> again = f.next();
    prober.answer(MemberReport.leader("n1", 5));
    assertThat(again).isCompletedWithValue(at(ReadPoint.UNKNOWN));
  }

  @Test
  void inFiveMembersAFollowerAsksTheLeaderOnlyAfterTheOtherFollowersAnswered() {
    ReadFence f = fence("n2", Set.of("n1", "n2", "n3", "n4", "n5"));
    CompletableFuture<ReadPoint> read = f.next();
    assertThat(prober.asked).containsExactlyInAnyOrder("n3", "n4", "n5");
    prober.answer(MemberReport.follower("n3", Optional.of("n1")));
    prober.fail("n4");
    assertThat(prober.asked).doesNotContain("n1");
    prober.answer(MemberReport.follower("n5", Optional.of("n4")));
    assertThat(prober.asked).contains("n1");
    prober.answer(MemberReport.leader("n1", 5, 5, 77));
    assertThat(read).isCompletedWithValue(at(77));
  }

  @Test
  void aMemberThatKnowsNoLeaderFailsTheRoundWithoutAsking() {
    view.set(Optional.empty());
    CompletableFuture<ReadPoint> read = fence("n2", Set.of("n1", "n2", "n3")).next();
    assertThat(read).isCompletedExceptionally();
    assertThat(prober.asked).isEmpty();
  }

  @Test
  void aLeaderWhoseTermMovedDuringTheRoundIsRefused() {
    ReadFence f = fence("n1", Set.of("n1", "n2", "n3"));
    CompletableFuture<ReadPoint> read = f.next();
    view.set(Optional.of(new Leadership(6, "n3")));
    prober.answer(MemberReport.follower("n2", Optional.of("n1")));
    prober.answer(MemberReport.follower("n3", Optional.of("n1")));
    assertThat(read).isCompletedExceptionally();
  }

  @Test
  void aLeaderTakesItsOwnReadIndexBeforeAskingAnyone() {
    ReadFence f = fence("n1", Set.of("n1", "n2", "n3"));
    CompletableFuture<ReadPoint> read = f.next();
    ownReadIndex.set(50); // commits after the probes went out are not needed by this round's reads
    prober.answer(MemberReport.follower("n3", Optional.of("n1")));
    assertThat(read).isCompletedWithValue(at(42));
  }

  @Test
  void aLeaderThatHasNotCommittedInItsTermGivesNoReadIndex() {
    ownReadIndex.set(ReadPoint.UNKNOWN);
    ReadFence f = fence("n1", Set.of("n1", "n2", "n3"));
    CompletableFuture<ReadPoint> read = f.next();
    prober.answer(MemberReport.follower("n2", Optional.of("n1")));
    assertThat(read).isCompletedWithValue(at(ReadPoint.UNKNOWN));
  }

  @Test
  void aFollowerTakesTheLeadersCommitIndexOnlyWhenTheLeaderCommittedInItsTerm() {
    ReadFence f = fence("n2", Set.of("n1", "n2", "n3"));
    CompletableFuture<ReadPoint> read = f.next();
    prober.answer(MemberReport.leader("n1", 5, 5, 77));
    assertThat(read).isCompletedWithValue(at(77));

    CompletableFuture<ReadPoint> earlyInTerm = f.next();
    prober.answer(MemberReport.leader("n1", 5, 4, 70));
    assertThat(earlyInTerm).as("an index committed in an earlier term may miss entries of term 5")
        .isCompletedWithValue(at(ReadPoint.UNKNOWN));
  }
}
