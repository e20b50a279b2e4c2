package dev.synod.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up failures a harness user sees, without etcd: a member that exits, a port that is taken. */
class EtcdClusterStartFailureTest {
  /** Far from the default ports, so a real cluster of another test does not collide. */
  private static final int BASE_PORT = 41790;

  @TempDir
  Path dir;

  @Test
  void aMemberThatExitsFailsTheStartAtOnceWithItsLogTail() {
    // echo prints its arguments and exits 0: a "member" whose log shows the command line it got.
    EtcdBinary echo = new EtcdBinary(ExecutableFinder.search(null, "echo").orElseThrow(), "3.4.23");
    EtcdSettings settings = EtcdSettings.plaintext(echo, dir).withBasePort(BASE_PORT);

    long started = System.nanoTime();
    assertThatThrownBy(() -> EtcdCluster.start(settings))
        .isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("etcd cluster (plaintext, 3 members): member etcd-")
        .hasMessageContaining("exited with code 0")
        .hasMessageContaining("--name etcd-2 --data-dir " + dir.resolve("etcd-2"))
        .hasMessageContaining(settings.logFile(1).toString());
    assertThat(System.nanoTime() - started).as("no wait for the start timeout")
        .isLessThan(EtcdCluster.START_TIMEOUT.toNanos() / 2);
  }

  @Test
  void aTakenPortIsNamedBeforeAnyMemberStarts() throws Exception {
    EtcdBinary echo = new EtcdBinary(ExecutableFinder.search(null, "echo").orElseThrow(), "3.4.23");
    EtcdSettings settings = EtcdSettings.plaintext(echo, dir).withBasePort(BASE_PORT);
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(EtcdSettings.HOST, settings.peerPort(1)));

      assertThatThrownBy(() -> EtcdCluster.start(settings))
          .hasMessageStartingWith("port " + settings.peerPort(1) + " on 127.0.0.1 (etcd-1's peer port): in use");
    }
    assertThat(settings.logFile(0)).doesNotExist();
  }
}
