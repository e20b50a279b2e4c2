package dev.synod.consensus;

import static dev.synod.consensus.ListStateMachine.add;
import static dev.synod.consensus.ListStateMachine.bytes;
import static dev.synod.consensus.ListStateMachine.parseAll;
import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A linearizable read on any member sees every write acknowledged before it, on a real 3-voter group. A follower
 * learns of a commit only with the leader's next append, so a read served from its state without waiting for the
 * leader's commit index would miss the write just acknowledged.
 */
class ReadIndexTest {
  private static final int WRITES = 150;

  @TempDir
  Path dir;

  @Test
  void everyMemberReadsTheWriteAcknowledgedJustBefore() throws Exception {
    try (TestCluster cluster = TestCluster.start(dir, 3, ConsensusSettings.lan())) {
      RaftNode leader = cluster.awaitLeader();
      List<RaftNode> members = cluster.running();
      for (int i = 0; i < WRITES; i++) {
        String value = "acknowledged-" + i;
        leader.write(add(value)).get(30, TimeUnit.SECONDS);
        RaftNode reader = members.get(i % members.size());
        List<String> seen = parseAll(reader.readLinearizable(bytes("all")).get(30, TimeUnit.SECONDS));
        assertThat(seen).as("%s read after write %s was acknowledged", reader.nodeId(), i).contains(value);
      }
    }
  }
}
