package dev.synod.chaos.suite;

import static org.awaitility.Awaitility.await;

import com.google.protobuf.ByteString;
import dev.synod.chaos.cluster.ChaosImages;
import dev.synod.chaos.cluster.DockerCluster;
import dev.synod.client.SynodClient;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.StatusResponse;
import java.nio.file.Path;
import java.time.Duration;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import org.junit.jupiter.api.Test;

/**
 * A follower cut off from the leader for minutes, under a steady write load, has applied everything the leader had
 * committed within 20 s of the network healing (-Pchaos-long; about 6 minutes). Through the cut the kernel backs off
 * retransmission on the leader's replication connection, up to 120 s between tries; while Ratis kept that
 * connection, a follower cut for 150 s stayed leaderless for 63-68 s after the heal. The leader now dials a silent
 * follower on a new connection (1.5-1.8 s to catch up).
 * -Dchaos.linkcut.seconds (150) and -Dchaos.linkcut.rounds (2) change the cut.
 */
class LinkCutRecoveryLongIT {
  private static final Duration RECOVERY = Duration.ofSeconds(20);

  @Test
  void aFollowerCutFromTheLeaderForMinutesCatchesUpSoonAfterTheHeal() throws Exception {
    long cutSeconds = Long.getLong("chaos.linkcut.seconds", 150);
    int rounds = Integer.getInteger("chaos.linkcut.rounds", 2);
    String image = ChaosImages.locate().nodeImage();
    try (DockerCluster cluster = DockerCluster.builder(image).nodes(3).name("synod-chaos-linkcut")
        .subnet("10.81.0.0/24").build().start()) {
      cluster.awaitHealthy(Duration.ofMinutes(3));
      AtomicBoolean writing = new AtomicBoolean(true);
      AtomicLong failedWrites = new AtomicLong();
      Thread writer = new Thread(() -> writeUntilStopped(cluster, writing, failedWrites), "linkcut-writer");
      writer.start();
      Thread.sleep(5_000); // some history before the first cut
      try {
        for (int round = 1; round <= rounds; round++) {
          String leader = cluster.awaitLeader(Duration.ofSeconds(30));
          String follower = cluster.nodes().stream().filter(n -> !n.equals(leader)).findFirst().orElseThrow();
          cut(cluster, leader, follower);
          Thread.sleep(Duration.ofSeconds(cutSeconds).toMillis());
          long committed = cluster.status(leader).map(StatusResponse::getCommitIndex).orElseThrow();
          cluster.exec(leader, "iptables", "-w", "-F").orThrow("heal on " + leader);
          cluster.exec(follower, "iptables", "-w", "-F").orThrow("heal on " + follower);
          long healed = System.nanoTime();
          try {
            // Health allows a lag of 256 entries; the test asks for everything committed before the heal.
            await().atMost(RECOVERY).pollInterval(Duration.ofMillis(250)).until(() -> cluster.status(follower)
                .filter(s -> s.getServing() && s.getAppliedIndex() >= committed).isPresent());
            System.out.printf("round %d: %s caught up %.1f s after the heal; %d writes failed so far%n", round,
                follower, (System.nanoTime() - healed) / 1e9, failedWrites.get());
          } catch (AssertionError | RuntimeException e) {
            Path logs = Path.of("target", "chaos", "linkcut", "round-" + round);
            cluster.logsAll(logs);
            throw new AssertionError("round " + round + ": " + follower + " cut from leader " + leader + " for "
                + cutSeconds + " s; logs in " + logs.toAbsolutePath(), e);
          }
        }
      } finally {
        writing.set(false);
        writer.join();
      }
    }
  }

  /** Drops every packet between the two nodes, both ways, on both sides. */
  private static void cut(DockerCluster cluster, String a, String b) {
    for (String[] pair : new String[][] {{a, b}, {b, a}}) {
      String peer = cluster.ip(pair[1]);
      cluster.exec(pair[0], "sh", "-c", "set -e; iptables -w -A INPUT -s " + peer + " -j DROP; iptables -w -A OUTPUT -d "
          + peer + " -j DROP").orThrow("iptables on " + pair[0]);
    }
  }

  /** About 20 writes a second through every node's API; failures (routed to the cut node) are counted, not judged. */
  private static void writeUntilStopped(DockerCluster cluster, AtomicBoolean writing, AtomicLong failed) {
    try (SynodClient client = cluster.clientBuilder(cluster.apiEndpoints()).deadline(Duration.ofSeconds(2)).build()) {
      for (long i = 0; writing.get(); i++) {
        try {
          client.put(PutRequest.newBuilder().setKey(ByteString.copyFromUtf8("linkcut/" + (i % 16)))
              .setValue(ByteString.copyFromUtf8(Long.toString(i))).build());
        } catch (RuntimeException e) {
          failed.incrementAndGet(); // the test judges recovery, not availability
        }
        Thread.sleep(50);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
    }
  }
}
