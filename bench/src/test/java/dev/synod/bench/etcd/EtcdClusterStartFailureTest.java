package dev.synod.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.assertj.core.api.Assertions.catchThrowable;

import java.net.InetSocketAddress;
import java.net.ServerSocket;
import java.nio.file.Path;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** The start-up failures a harness user sees, without etcd: a member that exits, a port that is taken. */
class EtcdClusterStartFailureTest {
  /**
   * Clear of the real clusters' ports (etcd 23790+, Synod 24790+, gossip 25100+) and of the Synod start
   * failure test's (27790+), and below Linux's ephemeral range, where an outgoing connection could hold one.
   */
  private static final int BASE_PORT = 28790;

  @TempDir
  Path dir;

  @Test
  void aMemberThatExitsFailsTheStartAtOnceWithItsLogTail() {
    // echo prints its arguments and exits 0: a "member" whose log shows the command line it got.
    EtcdBinary echo = new EtcdBinary(ExecutableFinder.search(null, "echo").orElseThrow(), "3.4.23");
    EtcdSettings settings = EtcdSettings.plaintext(echo, dir).withBasePort(BASE_PORT);

    long started = System.nanoTime();
    Throwable failure = catchThrowable(() -> EtcdCluster.start(settings));

    assertThat(failure).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with code 0")
        .hasMessageContaining(settings.logFile(1).toString());
    // Whichever member exits first fails the start; the others may not have written a line yet.
    Matcher exited = Pattern.compile("etcd cluster \\(plaintext, 3 members\\): member etcd-(\\d) exited")
        .matcher(failure.getMessage());
    assertThat(exited.find()).as(failure.getMessage()).isTrue();
    int member = Integer.parseInt(exited.group(1));
    assertThat(failure).hasMessageContaining(
        "--name etcd-" + member + " --data-dir " + dir.resolve("etcd-" + member));
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
