package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static dev.synod.consensus.ListStateMachine.text;
import static dev.synod.consensus.TestCluster.PATIENCE;
import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.awaitility.Awaitility.await;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.MethodOrderer;
import org.junit.jupiter.api.Order;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestMethodOrder;
import org.junit.jupiter.api.io.TempDir;

/** Behaviour of a healthy 3-voter group; the tests share one cluster and each finds the leader afresh. */
@TestMethodOrder(MethodOrderer.OrderAnnotation.class)
class ThreeNodeGroupTest {
  @TempDir
  static Path dir;
  static TestCluster cluster;

  @BeforeAll
  static void startCluster() throws Exception {
    cluster = TestCluster.start(dir, 3, ConsensusSettings.lan());
  }

  @AfterAll
  static void stopCluster() {
    if (cluster != null) {
      cluster.close();
    }
  }

  @Test
  @Order(1)
  void electsOneLeaderThatEveryMemberAgreesOn() {
    RaftNode leader = cluster.awaitLeader();

    for (RaftNode n : cluster.running()) {
      ConsensusStatus s = n.status();
      assertThat(s.leaderId()).contains(leader.nodeId());
      assertThat(s.term()).isEqualTo(leader.status().term());
    }
    assertThat(cluster.running().stream().filter(n -> n.status().role() == RaftRole.FOLLOWER)).hasSize(2);
  }

  @Test
  @Order(2)
  void writeThroughFollowerIsReadableLinearizablyOnEveryNode() throws Exception {
    RaftNode follower = cluster.aFollower();

    WriteResult w = follower.write(add("via-follower")).get(30, TimeUnit.SECONDS);

    assertThat(text(w.result())).startsWith("ok:");
    assertThat(w.index()).isPositive();
    for (RaftNode n : cluster.running()) {
      byte[] all = n.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS);
      assertThat(parseAll(all)).as("linearizable read on %s", n.nodeId()).contains("via-follower");
      assertThat(n.status().appliedIndex()).isGreaterThanOrEqualTo(w.index());
    }
  }

  @Test
  @Order(3)
  void staleReadAnswersFromLocalStateWithoutARaftRound() throws Exception {
    RaftNode leader = cluster.awaitLeader();
    WriteResult w = leader.write(add("for-stale-read")).get(30, TimeUnit.SECONDS);

    for (RaftNode n : cluster.running()) {
      await().atMost(PATIENCE).until(() -> n.status().appliedIndex() >= w.index());
      assertThat(parseAll(n.readStale(bytes("all")))).contains("for-stale-read");
    }
  }

  @Test
  @Order(4)
  void proposalRejectedByPrepareFailsWithItsMessageAndIsNotApplied() throws Exception {
    RaftNode follower = cluster.aFollower();
    int sizeBefore = Integer.parseInt(text(follower.readLinearizable(bytes("size")).get(30, TimeUnit.SECONDS)));

    assertThatThrownBy(() -> follower.write(add("reject-me")).get(30, TimeUnit.SECONDS))
        .isInstanceOf(ExecutionException.class)
        .cause().isInstanceOf(IllegalArgumentException.class)
        .hasMessage("rejected by prepare: reject-me");
    assertThat(Integer.parseInt(text(follower.readLinearizable(bytes("size")).get(30, TimeUnit.SECONDS))))
        .isEqualTo(sizeBefore);
  }

  @Test
  @Order(5)
  void commandLargerThanAnEntryIsRejectedBeforeReplication() {
    RaftNode leader = cluster.awaitLeader();
    byte[] huge = new byte[(int) ConsensusSettings.lan().appenderBufferByteLimit()];

    assertThatThrownBy(() -> leader.write(huge).get(30, TimeUnit.SECONDS))
        .cause().isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("command: " + huge.length + " bytes (expected: <= ");
  }

  @Test
  @Order(6)
  void failingQueryFailsTheReadWithTheStateMachineError() {
    RaftNode follower = cluster.aFollower();

    assertThatThrownBy(() -> follower.readLinearizable(bytes("nonsense")).get(30, TimeUnit.SECONDS))
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessage("unknown query: nonsense");
    assertThatThrownBy(() -> follower.readStale(bytes("nonsense")))
        .isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  @Order(7)
  void peersListsVotersAndTheLeaderReportsFollowerProgress() throws Exception {
    RaftNode leader = cluster.awaitLeader();
    WriteResult w = leader.write(add("progress")).get(30, TimeUnit.SECONDS);

    await().atMost(PATIENCE).untilAsserted(() -> {
      List<PeerInfo> peers = leader.peers();
      assertThat(peers).extracting(PeerInfo::id).containsExactlyInAnyOrder("n1", "n2", "n3");
      assertThat(peers).allMatch(p -> p.role() == PeerRole.VOTER);
      assertThat(peers).filteredOn(PeerInfo::leader).extracting(PeerInfo::id).containsExactly(leader.nodeId());
      assertThat(peers).allMatch(p -> p.matchIndex() >= w.index(), "every voter matched the write");
      assertThat(peers).allMatch(p -> p.lastContactMillis() >= 0);
    });
    RaftNode follower = cluster.aFollower();
    assertThat(follower.peers()).allMatch(p -> p.matchIndex() == -1 && p.lastContactMillis() == -1);
    assertThat(follower.peers()).filteredOn(PeerInfo::leader).extracting(PeerInfo::id)
        .containsExactly(leader.nodeId());
  }

  @Test
  @Order(8)
  void listenersHearAppliesInOrderOnOneThread() throws Exception {
    RaftNode follower = cluster.aFollower();
    AtomicLong lastApplied = new AtomicLong(-1);
    List<String> threads = new CopyOnWriteArrayList<>();
    List<Long> seen = new CopyOnWriteArrayList<>();
    follower.addListener(new AppliedListener() {
      @Override
      public void onApplied(long index) {
        threads.add(Thread.currentThread().getName());
        seen.add(index);
        lastApplied.set(index);
      }
    });

    WriteResult last = null;
    for (int i = 0; i < 5; i++) {
      last = follower.write(add("event-" + i)).get(30, TimeUnit.SECONDS);
    }
    long target = last.index();

    await().atMost(PATIENCE).until(() -> lastApplied.get() >= target);
    assertThat(seen).isSorted();
    assertThat(threads).containsOnly(threads.get(0));
  }

  @Test
  @Order(9)
  void statusReportsCommitAndAppliedIndexes() throws Exception {
    RaftNode leader = cluster.awaitLeader();
    WriteResult w = leader.write(add("status")).get(30, TimeUnit.SECONDS);

    ConsensusStatus s = leader.status();
    assertThat(s.nodeId()).isEqualTo(leader.nodeId());
    assertThat(s.role()).isEqualTo(RaftRole.LEADER);
    assertThat(s.commitIndex()).isGreaterThanOrEqualTo(w.index());
    assertThat(s.appliedIndex()).isGreaterThanOrEqualTo(w.index());
    assertThat(s.lastSnapshotIndex()).isEqualTo(-1);
  }

  @Test
  @Order(10)
  void transferLeadershipMovesLeadershipToTheTargetAndListenersHearIt() throws Exception {
    RaftNode leader = cluster.awaitLeader();
    RaftNode target = cluster.aFollower();
    List<Optional<String>> leaders = new CopyOnWriteArrayList<>();
    target.addListener(new ConsensusListener() {
      @Override
      public void onLeaderChanged(Optional<String> leaderId, long term) {
        leaders.add(leaderId);
      }
    });

    leader.transferLeadership(target.nodeId(), Duration.ofSeconds(20)).get(60, TimeUnit.SECONDS);

    assertThat(cluster.awaitLeader().nodeId()).isEqualTo(target.nodeId());
    await().atMost(PATIENCE).until(() -> leaders.contains(Optional.of(target.nodeId())));
    WriteResult w = leader.write(add("after-transfer")).get(30, TimeUnit.SECONDS);
    assertThat(parseAll(target.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS))).contains("after-transfer");
    assertThat(w.index()).isPositive();
  }

  @Test
  @Order(11)
  void transferToAnUnknownPeerIsRejected() {
    RaftNode leader = cluster.awaitLeader();

    assertThatThrownBy(() -> leader.transferLeadership("nobody", Duration.ofSeconds(5)).get(30, TimeUnit.SECONDS))
        .cause().isInstanceOf(IllegalArgumentException.class).hasMessageContaining("targetId: nobody");
  }

  /** Health (a follower still receiving the entries it missed) compares against the leader's commit index. */
  @Test
  @Order(12)
  void everyMemberKnowsTheLeadersCommitIndexFromItsAppends() throws Exception {
    RaftNode leader = cluster.awaitLeader();
    WriteResult w = leader.write(add("reported-commit")).get(30, TimeUnit.SECONDS);

    assertThat(leader.status().leaderCommitIndex()).isEqualTo(leader.status().commitIndex());
    for (RaftNode n : cluster.running()) {
      await().atMost(PATIENCE).until(() -> n.status().leaderCommitIndex() >= w.index());
    }
  }
}
