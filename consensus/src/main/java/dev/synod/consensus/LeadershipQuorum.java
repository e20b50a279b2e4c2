package dev.synod.consensus;

import java.util.Collection;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

/**
 * Decides whether the members' answers prove that no leader newer than a read's {@link Leadership} basis (term T
 * led by L) had been elected when the read arrived. Every answer counted was given after the arrival, by a member
 * whose term was still at most T: such a member had not voted in any later term, and every later election needs
 * a majority of voters, so a majority of such members (in each half of a joint configuration) rules one out.
 *
 * <p>What counts as "term at most T": this member itself, if its view is still exactly the basis; L, if it
 * reports that it still leads term T; a follower that names L as its leader, if L's term is known to be still T
 * after that answer (a follower resets its leader whenever its term moves, and L cannot lead a later term while it
 * still leads T). Pure: no clock, thread or socket.
 */
final class LeadershipQuorum {
  /**
   * What a probed member said: its role, the term it leads and the term and index of its last committed entry
   * (leaders; -1 when unknown), the leader it follows (followers).
   */
  record MemberReport(String memberId, RaftRole role, long leaderTerm, Optional<String> followedLeader,
      long committedTerm, long committedIndex) {
    static MemberReport leader(String memberId, long term, long committedTerm, long committedIndex) {
      return new MemberReport(memberId, RaftRole.LEADER, term, Optional.empty(), committedTerm, committedIndex);
    }

    /** A leader whose commit point the answer did not carry. */
    static MemberReport leader(String memberId, long term) {
      return leader(memberId, term, -1, -1);
    }

    static MemberReport follower(String memberId, Optional<String> leader) {
      return new MemberReport(memberId, RaftRole.FOLLOWER, -1, leader, -1, -1);
    }

    static MemberReport other(String memberId, RaftRole role) {
      return new MemberReport(memberId, role, -1, Optional.empty(), -1, -1);
    }

    /** The leader's commit index, when it is known and the leader has committed an entry of its own term. */
    long readIndexForTerm(long term) {
      boolean committedInTerm = role == RaftRole.LEADER && leaderTerm == term && committedTerm == term;
      return committedInTerm ? committedIndex : ReadPoint.UNKNOWN;
    }
  }

  private final Leadership basis;
  private final String self;
  private final List<Set<String>> voterSets;

  /**
   * @param voterSets the voters of the configuration this member knows: one set, or two in a joint configuration
   */
  LeadershipQuorum(Leadership basis, String self, List<Set<String>> voterSets) {
    if (voterSets.isEmpty() || voterSets.stream().anyMatch(Set::isEmpty)) {
      throw new IllegalArgumentException("voterSets: " + voterSets + " (expected: one or two non-empty sets)");
    }
    this.basis = basis;
    this.self = self;
    this.voterSets = List.copyOf(voterSets);
  }

  boolean selfLeads() {
    return basis.leaderId().equals(self);
  }

  /**
   * @param selfNow this member's view after every answer below arrived
   * @param leaderAnswer L's answer, when this member is not L; it must have been asked after every follower
   *     answer in {@code followerAnswers} arrived
   * @param followerAnswers answers of other members, each asked after the read arrived
   */
  boolean confirmed(Optional<Leadership> selfNow, Optional<MemberReport> leaderAnswer,
      Collection<MemberReport> followerAnswers) {
    boolean leaderStillLeadsT = selfLeads()
        ? selfNow.filter(basis::equals).isPresent()
        : leaderAnswer.filter(this::leadsBasisTerm).isPresent();
    Set<String> evidence = new HashSet<>();
    if (selfNow.filter(basis::equals).isPresent()) {
      evidence.add(self);
    }
    if (leaderStillLeadsT) {
      evidence.add(basis.leaderId());
      for (MemberReport r : followerAnswers) {
        if (r.role() == RaftRole.FOLLOWER && r.followedLeader().filter(basis.leaderId()::equals).isPresent()) {
          evidence.add(r.memberId());
        }
      }
    }
    return voterSets.stream().allMatch(voters -> majority(voters, evidence));
  }

  /** How many members besides this one and L must answer before a majority is possible at all. */
  int followersNeeded() {
    int needed = 0;
    for (Set<String> voters : voterSets) {
      int have = (voters.contains(self) ? 1 : 0)
          + (!selfLeads() && voters.contains(basis.leaderId()) ? 1 : 0);
      needed = Math.max(needed, Math.max(0, voters.size() / 2 + 1 - have));
    }
    return needed;
  }

  private boolean leadsBasisTerm(MemberReport r) {
    return r.memberId().equals(basis.leaderId()) && r.role() == RaftRole.LEADER && r.leaderTerm() == basis.term();
  }

  private static boolean majority(Set<String> voters, Set<String> evidence) {
    long count = voters.stream().filter(evidence::contains).count();
    return count > voters.size() / 2;
  }
}
