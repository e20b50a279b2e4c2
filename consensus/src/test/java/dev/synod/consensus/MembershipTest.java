package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static dev.synod.consensus.TestCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Learners, promotion and removal; each test runs its own cluster. */
class MembershipTest {
  @TempDir
  Path dir;

  @Test
  void emptyNodeAddedAsLearnerCatchesUpWithoutVotingThenIsPromotedToVoter() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode leader = cluster.awaitLeader();
      for (int i = 0; i < 10; i++) {
        leader.write(add("v" + i)).get(30, TimeUnit.SECONDS);
      }
      List<List<PeerInfo>> configurations = new CopyOnWriteArrayList<>();
      leader.addListener(new ConsensusListener() {
        @Override
        public void onConfigurationChanged(List<PeerInfo> peers) {
          configurations.add(peers);
        }
      });
      TestCluster.Member joiner = cluster.startJoiner("n4");
      assertThat(joiner.node.status().role()).isEqualTo(RaftRole.NONE);
      assertThatThrownBy(() -> joiner.node.write(add("too-early")).get(30, TimeUnit.SECONDS))
          .cause().isInstanceOf(NotLeaderOrUnavailableException.class);

      // issued through a follower: admin requests are carried to the leader too
      cluster.aFollower().addLearner(joiner.address).get(60, TimeUnit.SECONDS);

      await().atMost(PATIENCE).until(() -> joiner.node.status().role() == RaftRole.LEARNER);
      await().atMost(PATIENCE).until(() -> joiner.node.status().appliedIndex() >= leader.status().commitIndex());
      assertThat(parseAll(joiner.node.readStale(bytes("all")))).hasSize(10);
      assertThat(leader.peers()).filteredOn(p -> p.id().equals("n4")).singleElement()
          .satisfies(p -> assertThat(p.role()).isEqualTo(PeerRole.LEARNER));
      assertThat(leader.peers()).filteredOn(p -> p.role() == PeerRole.VOTER).hasSize(3);
      await().atMost(PATIENCE).until(() -> configurations.stream().anyMatch(c -> c.stream()
          .anyMatch(p -> p.id().equals("n4") && p.role() == PeerRole.LEARNER)));
      WriteResult viaLearner = joiner.node.write(add("via-learner")).get(30, TimeUnit.SECONDS);
      assertThat(viaLearner.index()).isPositive();

      leader.promote("n4").get(60, TimeUnit.SECONDS);

      await().atMost(PATIENCE).until(() -> joiner.node.status().role() == RaftRole.FOLLOWER);
      assertThat(leader.peers()).filteredOn(p -> p.role() == PeerRole.VOTER).extracting(PeerInfo::id)
          .containsExactlyInAnyOrder("n1", "n2", "n3", "n4");
      assertThat(leader.peers()).noneMatch(p -> p.role() == PeerRole.LEARNER);
      WriteResult w = joiner.node.write(add("from-n4")).get(30, TimeUnit.SECONDS);
      assertThat(parseAll(joiner.node.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS)))
          .contains("via-learner", "from-n4").hasSize(12);
      assertThat(w.index()).isGreaterThan(viaLearner.index());
    }
  }

  @Test
  void learnerKeepsFollowingWhenTheLeaderIsLost() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode leader = cluster.awaitLeader();
      TestCluster.Member joiner = cluster.startJoiner("n4");
      leader.addLearner(joiner.address).get(60, TimeUnit.SECONDS);
      await().atMost(PATIENCE).until(() -> joiner.node.status().role() == RaftRole.LEARNER);

      cluster.stop(leader.nodeId());
      RaftNode newLeader = cluster.awaitLeader();
      WriteResult w = newLeader.write(add("after-leader-loss")).get(30, TimeUnit.SECONDS);

      await().atMost(PATIENCE).until(() -> joiner.node.status().appliedIndex() >= w.index());
      assertThat(joiner.node.status().role()).isEqualTo(RaftRole.LEARNER);
      assertThat(joiner.node.status().leaderId()).contains(newLeader.nodeId());
      assertThat(parseAll(joiner.node.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS)))
          .contains("after-leader-loss");
    }
  }

  @Test
  void removedVoterLeavesTheConfigurationAndTheGroupKeepsCommitting() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode leader = cluster.awaitLeader();
      RaftNode removed = cluster.aFollower();
      leader.write(add("before")).get(30, TimeUnit.SECONDS);

      leader.removePeer(removed.nodeId()).get(60, TimeUnit.SECONDS);

      assertThat(leader.peers()).extracting(PeerInfo::id).hasSize(2).doesNotContain(removed.nodeId());
      await().atMost(PATIENCE).until(() -> removed.status().role() == RaftRole.NONE);
      RaftNode survivor = cluster.running().stream()
          .filter(n -> n != leader && n != removed).findFirst().orElseThrow();
      survivor.write(add("after")).get(30, TimeUnit.SECONDS);
      assertThat(parseAll(survivor.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS)))
          .containsExactly("before", "after");
      // removing it again is a no-op; removing the last voters is refused
      leader.removePeer(removed.nodeId()).get(60, TimeUnit.SECONDS);
      leader.removePeer(survivor.nodeId()).get(60, TimeUnit.SECONDS);
      assertThatThrownBy(() -> leader.removePeer(leader.nodeId()).get(60, TimeUnit.SECONDS))
          .cause().isInstanceOf(IllegalArgumentException.class)
          .hasMessage("id: " + leader.nodeId() + " (expected: not the last voter of the group)");
    }
  }

  /** Reports the first restart request of a node. */
  private static CompletableFuture<String> restartNeeded(RaftNode node) {
    CompletableFuture<String> reason = new CompletableFuture<>();
    node.addListener(new ConsensusListener() {
      @Override
      public void onRestartNeeded(String why) {
        reason.complete(why);
      }
    });
    return reason;
  }

  @Test
  void removedVoterAsksForARestartAndRejoinsFromItsOwnStorage() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode leader = cluster.awaitLeader();
      RaftNode removed = cluster.aFollower();
      String id = removed.nodeId();
      leader.write(add("before")).get(30, TimeUnit.SECONDS);
      CompletableFuture<String> stopped = restartNeeded(removed);

      leader.removePeer(id).get(60, TimeUnit.SECONDS);

      assertThat(stopped.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).startsWith("removed from the Raft configuration");
      assertThat(removed.status().role()).isEqualTo(RaftRole.NONE);
      assertThat(removed.status().leaderId()).isEmpty();
      WriteResult whileOut = leader.write(add("while-out")).get(30, TimeUnit.SECONDS);

      // Recovered outside the group, it waits; added back, Ratis keeps it initializing until it starts again.
      cluster.stop(id);
      RaftNode recovered = cluster.recoverOutsideTheGroup(id);
      assertThat(recovered.status().role()).isEqualTo(RaftRole.NONE);
      CompletableFuture<String> stuck = restartNeeded(recovered);
      leader.addLearner(cluster.member(id).address).get(60, TimeUnit.SECONDS);
      assertThat(stuck.get(PATIENCE.toSeconds(), TimeUnit.SECONDS)).contains("initializing", "as a learner");

      cluster.stop(id);
      RaftNode back = cluster.recoverOutsideTheGroup(id);
      await().atMost(PATIENCE).until(() -> back.status().role() == RaftRole.LEARNER
          && back.status().appliedIndex() >= whileOut.index());
      leader.promote(id).get(60, TimeUnit.SECONDS);

      await().atMost(PATIENCE).until(() -> back.status().role() == RaftRole.FOLLOWER);
      back.write(add("after")).get(30, TimeUnit.SECONDS);
      assertThat(parseAll(back.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS)))
          .containsExactly("before", "while-out", "after");
    }
  }

  @Test
  void promotingAPeerThatIsNotALearnerIsRejected() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 1, ConsensusSettings.lan())) {
      RaftNode leader = cluster.awaitLeader();

      assertThatThrownBy(() -> leader.promote("ghost").get(60, TimeUnit.SECONDS))
          .cause().isInstanceOf(IllegalArgumentException.class)
          .hasMessage("id: ghost (expected: a learner of the group)");
      leader.promote("n1").get(60, TimeUnit.SECONDS); // already a voter: nothing to do
    }
  }
}
