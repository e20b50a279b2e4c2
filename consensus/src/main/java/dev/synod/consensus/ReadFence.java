package dev.synod.consensus;

import dev.synod.consensus.LeadershipQuorum.MemberReport;
import java.io.IOException;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentLinkedQueue;
import java.util.function.Supplier;

/**
 * Confirms, for linearizable reads, that this member's view of the leadership was still current after a read
 * arrived, by asking the other members (see {@link LeadershipQuorum} for why that suffices).
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
  private final SharedRounds<Leadership> rounds = new SharedRounds<>(this::confirm);

  ReadFence(String self, Supplier<Optional<Leadership>> view, Supplier<List<Set<String>>> voterSets, Prober prober) {
    this.self = self;
    this.view = view;
    this.voterSets = voterSets;
    this.prober = prober;
  }

  /**
   * Completes with the leadership that a round started after this call confirmed, or fails with an
   * {@link IOException} when the round could not confirm this member's view (the caller retries).
   */
  CompletableFuture<Leadership> next() {
    return rounds.next();
  }

  private CompletableFuture<Leadership> confirm() {
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
      // Every follower naming this member counts once this member still leads the same term afterwards.
      boolean alone = quorum.confirmed(view.get(), Optional.empty(), List.of());
      if (alone || others.isEmpty()) {
        round.finish(alone);
      }
      Answers answers = new Answers(others.size());
      for (String member : others) {
        prober.probe(member).whenComplete((report, error) -> {
          boolean last = answers.add(report);
          if (quorum.confirmed(view.get(), Optional.empty(), answers.reports())) {
            round.finish(true);
          } else if (last) {
            round.finish(false);
          }
        });
      }
      return round.result;
    }
    // The leader is asked only after the followers answered: its "still term T" then covers their answers.
    CompletableFuture<List<MemberReport>> followers = quorum.followersNeeded() > 0
        ? askAll(others) : CompletableFuture.completedFuture(List.of());
    followers.thenCompose(reports -> prober.probe(basis.get().leaderId())
            .handle((leader, error) -> quorum.confirmed(view.get(), Optional.ofNullable(leader), reports)))
        .whenComplete((confirmed, error) -> round.finish(error == null && confirmed));
    return round.result;
  }

  private final class Round {
    private final Leadership basis;
    private final List<Set<String>> voters;
    private final CompletableFuture<Leadership> result = new CompletableFuture<>();

    Round(Leadership basis, List<Set<String>> voters) {
      this.basis = basis;
      this.voters = voters;
    }

    void finish(boolean confirmed) {
      if (confirmed) {
        result.complete(basis);
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
