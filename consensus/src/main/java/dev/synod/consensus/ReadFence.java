package dev.synod.consensus;

import dev.synod.consensus.LeadershipQuorum.MemberReport;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

/**
 * Confirms, for linearizable reads, that this member's view of the leadership was still current after a read
 * arrived, by asking the other members (see {@link LeadershipQuorum} for why that suffices), and learns the read
 * index on the way: the leader's own commit index when this member leads, else the one in the leader's answer.
 *
 * <p>Ratis' ReadIndex alone does not: its leader skips the heartbeat round when an earlier round already
 * confirmed its current commit index (Ratis 3.2.2 {@code ReadIndexHeartbeats.addAppendEntriesListener}), so a
 * leader deposed while it was paused or cut off answers from its old state until it notices. The chaos suite's
 * pause nemesis caught exactly that.
 *
 * <p>Reads share rounds: a round covers every read registered before it started, and one round runs at a time.
 */
final class ReadFence {
  /** Asks a member for its role and leader. */
  interface Prober {
    CompletableFuture<MemberReport> probe(String memberId);
  }

  private final String self;
  private final Supplier<Optional<Leadership>> view;
  private final Supplier<List<Set<String>>> voterSets;
  private final Prober prober;
  private final LongSupplier ownReadIndex;
  private final SharedRounds<ReadPoint> rounds = new SharedRounds<>(this::confirm);

  /**
   * @param ownReadIndex this member's commit index while it leads and has committed an entry of its term, else
   *     {@link ReadPoint#UNKNOWN}
   */
  ReadFence(String self, Supplier<Optional<Leadership>> view, Supplier<List<Set<String>>> voterSets, Prober prober,
      LongSupplier ownReadIndex) {
    this.self = self;
    this.view = view;
    this.voterSets = voterSets;
    this.prober = prober;
    this.ownReadIndex = ownReadIndex;
  }

  /**
   * Completes with what a round started after this call confirmed, or fails with an {@link IOException} when the
   * round could not confirm this member's view (the caller retries).
   */
  CompletableFuture<ReadPoint> next() {
    return rounds.next();
  }

  private CompletableFuture<ReadPoint> confirm() {
    Optional<Leadership> basis = view.get();
    if (basis.isEmpty()) {
      return CompletableFuture.failedFuture(new IOException("this member knows no leader"));
    }
    List<Set<String>> voters = voterSets.get(); // one configuration for the whole round
    LeadershipQuorum quorum = new LeadershipQuorum(basis.get(), self, voters);
    Set<String> others = new LinkedHashSet<>();
    voters.forEach(others::addAll);
    others.remove(self);
    others.remove(basis.get().leaderId());
    Round round = new Round(basis.get(), voters);
    if (quorum.selfLeads()) {
      // Taken before any probe goes out, so the confirmation covers it.
      long readIndex = ownReadIndex.getAsLong();
      // Every follower naming this member counts once this member still leads the same term afterwards.
      boolean alone = quorum.confirmed(view.get(), Optional.empty(), List.of());
      if (alone || others.isEmpty()) {
        round.finish(alone, readIndex);
      }
      Answers answers = new Answers(others.size());
      for (String member : others) {
        prober.probe(member).whenComplete((report, error) -> {
          boolean last = answers.add(report);
          if (quorum.confirmed(view.get(), Optional.empty(), answers.reports())) {
            round.finish(true, readIndex);
          } else if (last) {
            round.finish(false, readIndex);
          }
        });
      }
      return round.result;
    }
    // The leader is asked only after the followers answered: its "still term T" then covers their answers.
    CompletableFuture<List<MemberReport>> followers = quorum.followersNeeded() > 0
        ? askAll(others) : CompletableFuture.completedFuture(List.of());
    followers.thenCompose(reports -> prober.probe(basis.get().leaderId()).handle((leader, error) -> {
      // Confirmed only with the leader's answer in it: the other members count only once it still leads term T.
      boolean confirmed = quorum.confirmed(view.get(), Optional.ofNullable(leader), reports);
      round.finish(confirmed, confirmed ? leader.readIndexForTerm(basis.get().term()) : ReadPoint.UNKNOWN);
      return null;
    })).whenComplete((ignored, error) -> {
      if (error != null) {
        round.finish(false, ReadPoint.UNKNOWN); // no effect when the round already finished
      }
    });
    return round.result;
  }

  private final class Round {
    private final Leadership basis;
    private final List<Set<String>> voters;
    private final CompletableFuture<ReadPoint> result = new CompletableFuture<>();

    Round(Leadership basis, List<Set<String>> voters) {
      this.basis = basis;
      this.voters = voters;
    }

    void finish(boolean confirmed, long readIndex) {
      if (confirmed) {
        result.complete(new ReadPoint(basis, readIndex));
      } else {
        result.completeExceptionally(new IOException("could not confirm " + basis + " with a majority of "
            + voters + " after the read arrived"));
      }
    }
  }

  private CompletableFuture<List<MemberReport>> askAll(Set<String> members) {
    Answers answers = new Answers(members.size());
    CompletableFuture<List<MemberReport>> all = new CompletableFuture<>();
    if (members.isEmpty()) {
      all.complete(List.of());
    }
    for (String member : members) {
      prober.probe(member).whenComplete((report, error) -> {
        if (answers.add(report)) {
          all.complete(answers.reports());
        }
      });
    }
    return all;
  }

  /** Answers collected so far; a failed probe counts as an answer with no report. */
  private static final class Answers {
    private final ConcurrentLinkedQueue<MemberReport> reports = new ConcurrentLinkedQueue<>();
    private int remaining; // guarded by this

    Answers(int expected) {
      this.remaining = expected;
    }

    /** Returns true for the last answer. */
    boolean add(MemberReport report) {
      if (report != null) {
        reports.add(report);
      }
      synchronized (this) {
        return --remaining == 0;
      }
    }

    List<MemberReport> reports() {
      return List.copyOf(reports);
    }
  }
}
