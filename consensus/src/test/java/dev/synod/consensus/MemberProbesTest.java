package dev.synod.consensus;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.consensus.LeadershipQuorum.MemberReport;
import java.nio.file.Path;
import java.time.Duration;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class MemberProbesTest {
  @TempDir Path dir;

  @Test
  void reportsRolesAndAcceptsTheNextProbeOfAMemberFromTheCompletionOfTheLast() throws Exception {
    ExecutorService threads = Executors.newCachedThreadPool();
    ScheduledExecutorService timer = Executors.newSingleThreadScheduledExecutor();
    try (TestCluster cluster = TestCluster.start(dir.resolve("cluster"), 3, ConsensusSettings.lan())) {
      RaftNode leader = cluster.awaitLeader();
      RaftNode follower = cluster.aFollower();
      RaftGroup group = RaftGroup.valueOf(RaftGroupId.valueOf(UUID.nameUUIDFromBytes(TestCluster.GROUP.getBytes())),
          cluster.running().stream().map(n -> RaftPeer.newBuilder().setId(n.nodeId())
              .setAddress(cluster.member(n.nodeId()).address.address()).build()).toList());
      try (MemberProbes probes = new MemberProbes(
          RatisProperties.of(ConsensusSettings.lan(), dir.resolve("unused"), HostPort.parse("bind", "127.0.0.1:1")),
          new Parameters(), Duration.ofSeconds(5), () -> group, threads, timer)) {
        long term = leader.status().term();
        MemberReport fromLeader = probes.probe(leader.nodeId()).get(30, TimeUnit.SECONDS);
        assertThat(fromLeader.role()).isEqualTo(RaftRole.LEADER);
        assertThat(fromLeader.leaderTerm()).isEqualTo(term);
        // A ready leader has committed the first entry of its term; the answer carries its commit point.
        assertThat(fromLeader.committedTerm()).isEqualTo(term);
        assertThat(fromLeader.committedIndex()).isNotNegative().isLessThanOrEqualTo(leader.status().commitIndex());
        assertThat(fromLeader.readIndexForTerm(term)).isEqualTo(fromLeader.committedIndex());
        // A fence round that ends starts the next one from the completing thread, which probes the same member.
        MemberReport again = probes.probe(follower.nodeId())
            .thenCompose(first -> probes.probe(follower.nodeId())).get(30, TimeUnit.SECONDS);
        assertThat(again.role()).isEqualTo(RaftRole.FOLLOWER);
        assertThat(again.followedLeader()).contains(leader.nodeId());
      }
    } finally {
      threads.shutdownNow();
      timer.shutdownNow();
    }
  }
}
