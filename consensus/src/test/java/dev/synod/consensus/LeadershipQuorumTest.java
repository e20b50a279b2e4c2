package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.consensus.LeadershipQuorum.MemberReport;
import java.util.List;
import java.util.Optional;
import java.util.Set;
import org.junit.jupiter.api.Test;

class LeadershipQuorumTest {
  private static final Leadership T5_BY_N1 = new Leadership(5, "n1");
  private static final List<Set<String>> THREE = List.of(Set.of("n1", "n2", "n3"));
  private static final List<Set<String>> FIVE = List.of(Set.of("n1", "n2", "n3", "n4", "n5"));

  @Test
  void aLeaderStillInItsTermWithOneFollowerNamingItIsConfirmedInAThreeMemberGroup() {
    LeadershipQuorum q = new LeadershipQuorum(T5_BY_N1, "n1", THREE);
    assertThat(q.confirmed(Optional.of(T5_BY_N1), Optional.empty(),
        List.of(MemberReport.follower("n2", Optional.of("n1"))))).isTrue();
  }

  @Test
  void aLeaderAloneIsNotConfirmed() {
    LeadershipQuorum q = new LeadershipQuorum(T5_BY_N1, "n1", THREE);
    assertThat(q.confirmed(Optional.of(T5_BY_N1), Optional.empty(), List.of())).isFalse();
  }

  @Test
  void followersThatMovedOnDoNotConfirmADeposedLeader() {
    LeadershipQuorum q = new LeadershipQuorum(T5_BY_N1, "n1", THREE);
    assertThat(q.confirmed(Optional.of(T5_BY_N1), Optional.empty(), List.of(
        MemberReport.follower("n2", Optional.of("n3")),
        MemberReport.leader("n3", 6),
        MemberReport.follower("n2", Optional.empty())))).isFalse();
  }

  @Test
  void aLeaderWhoseOwnTermMovedIsNotConfirmedEvenIfFollowersStillNameIt() {
    LeadershipQuorum q = new LeadershipQuorum(T5_BY_N1, "n1", THREE);
    assertThat(q.confirmed(Optional.of(new Leadership(7, "n1")), Optional.empty(), List.of(
        MemberReport.follower("n2", Optional.of("n1")), MemberReport.follower("n3", Optional.of("n1"))))).isFalse();
    assertThat(q.confirmed(Optional.empty(), Optional.empty(), List.of(
        MemberReport.follower("n2", Optional.of("n1")), MemberReport.follower("n3", Optional.of("n1"))))).isFalse();
  }

  @Test
  void aFollowerIsConfirmedByTheLeaderReportingTheSameTerm() {
    LeadershipQuorum q = new LeadershipQuorum(T5_BY_N1, "n2", THREE);
    assertThat(q.followersNeeded()).isZero();
    assertThat(q.confirmed(Optional.of(T5_BY_N1), Optional.of(MemberReport.leader("n1", 5)), List.of())).isTrue();
  }

  @Test
  void aFollowerIsNotConfirmedByALeaderOfAnotherTermOrByAFollowerNamingIt() {
    LeadershipQuorum q = new LeadershipQuorum(T5_BY_N1, "n2", THREE);
    assertThat(q.confirmed(Optional.of(T5_BY_N1), Optional.of(MemberReport.leader("n1", 7)), List.of())).isFalse();
    assertThat(q.confirmed(Optional.of(T5_BY_N1), Optional.of(MemberReport.follower("n1", Optional.of("n3"))),
        List.of(MemberReport.follower("n3", Optional.of("n1"))))).isFalse();
    // This member moved on meanwhile: only n1 is left, one of three.
    assertThat(q.confirmed(Optional.of(new Leadership(6, "n3")), Optional.of(MemberReport.leader("n1", 5)),
        List.of())).isFalse();
  }

  @Test
  void inFiveMembersAFollowerNeedsOneMoreFollowerNamingTheLeader() {
    LeadershipQuorum q = new LeadershipQuorum(T5_BY_N1, "n2", FIVE);
    assertThat(q.followersNeeded()).isEqualTo(1);
    Optional<MemberReport> leader = Optional.of(MemberReport.leader("n1", 5));
    assertThat(q.confirmed(Optional.of(T5_BY_N1), leader, List.of())).isFalse();
    assertThat(q.confirmed(Optional.of(T5_BY_N1), leader,
        List.of(MemberReport.follower("n4", Optional.of("n5"))))).isFalse();
    assertThat(q.confirmed(Optional.of(T5_BY_N1), leader,
        List.of(MemberReport.follower("n4", Optional.of("n1"))))).isTrue();
    // Followers naming n1 prove nothing once n1 itself no longer leads term 5.
    assertThat(q.confirmed(Optional.of(T5_BY_N1), Optional.of(MemberReport.leader("n1", 8)), List.of(
        MemberReport.follower("n3", Optional.of("n1")), MemberReport.follower("n4", Optional.of("n1"))))).isFalse();
  }

  @Test
  void aJointConfigurationNeedsAMajorityOfBothHalves() {
    List<Set<String>> joint = List.of(Set.of("n1", "n4", "n5"), Set.of("n1", "n2", "n3"));
    LeadershipQuorum q = new LeadershipQuorum(T5_BY_N1, "n1", joint);
    assertThat(q.confirmed(Optional.of(T5_BY_N1), Optional.empty(),
        List.of(MemberReport.follower("n2", Optional.of("n1"))))).isFalse();
    assertThat(q.confirmed(Optional.of(T5_BY_N1), Optional.empty(), List.of(
        MemberReport.follower("n2", Optional.of("n1")), MemberReport.follower("n4", Optional.of("n1"))))).isTrue();
  }

  @Test
  void aSingleMemberGroupIsConfirmedByItsOwnView() {
    LeadershipQuorum q = new LeadershipQuorum(T5_BY_N1, "n1", List.of(Set.of("n1")));
    assertThat(q.confirmed(Optional.of(T5_BY_N1), Optional.empty(), List.of())).isTrue();
    assertThat(q.confirmed(Optional.empty(), Optional.empty(), List.of())).isFalse();
  }

  @Test
  void anEmptyVoterSetIsRefused() {
    assertThatThrownBy(() -> new LeadershipQuorum(T5_BY_N1, "n1", List.of(Set.of())))
        .isInstanceOf(IllegalArgumentException.class).hasMessageContaining("voterSets");
  }
}
