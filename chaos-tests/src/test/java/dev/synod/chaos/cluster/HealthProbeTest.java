package dev.synod.chaos.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.proto.v1.ResponseHeader;
import dev.synod.proto.v1.StatusResponse;
import org.junit.jupiter.api.Test;

class HealthProbeTest {
  @Test
  void aNodeThatDoesNotServeSaysWhetherItLacksALeaderOrAppliedEntries() {
    StatusResponse leaderless = StatusResponse.newBuilder().setRaftRole("follower").setTerm(6).setCommitIndex(812)
        .setLeaderCommitIndex(-1).setAppliedIndex(812).build();
    StatusResponse behind = leaderless.toBuilder().setHeader(ResponseHeader.newBuilder().setLeaderId("n4"))
        .setCommitIndex(1_100).setLeaderCommitIndex(2_000).setAppliedIndex(1_100).build();

    assertThat(HealthProbe.describe(leaderless))
        .isEqualTo("follower term 6 not serving (leader unknown, commit 812, leader's commit -1, applied 812)");
    assertThat(HealthProbe.describe(behind))
        .isEqualTo("follower term 6 not serving (leader n4, commit 1100, leader's commit 2000, applied 1100)");
    assertThat(HealthProbe.describe(behind.toBuilder().setServing(true).build())).isEqualTo("follower term 6 serving");
  }
}
