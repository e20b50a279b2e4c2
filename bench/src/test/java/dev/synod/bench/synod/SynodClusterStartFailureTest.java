package dev.synod.bench.synod;

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

/** The start-up failures a harness user sees, without a real agent: a member that exits, a port that is taken. */
class SynodClusterStartFailureTest {
  /**
   * Clear of the real clusters' ports (etcd 23790+, Synod 24790+, gossip 25100+) and below Linux's
   * ephemeral range, where an outgoing connection could hold one of them.
   */
  private static final int BASE_PORT = 27790;

  @TempDir
  Path dir;

  @Test
  void aMemberThatExitsFailsTheStartAtOnceWithItsLogTail() throws Exception {
    // A "launcher" that prints its arguments and the heap variable, then exits 3.
    Path distribution = FakeDistribution.create(dir.resolve("dist"), "echo \"$SYNOD_JAVA_OPTS $@\"; exit 3", "1.2.3");
    SynodSettings settings = SynodSettings.mutualTls(distribution, dir.resolve("run")).withBasePort(BASE_PORT);

    long started = System.nanoTime();
    Throwable failure = catchThrowable(() -> SynodCluster.start(settings));

    assertThat(failure).isInstanceOf(IllegalStateException.class)
        .hasMessageContaining("exited with code 3")
        .hasMessageContaining("-Xmx1g")
        .hasMessageContaining(settings.logFile(1).toString());
    // Whichever member exits first fails the start; the others may not have written a line yet.
    Matcher exited = Pattern.compile("Synod cluster \\(mutual TLS, 3 members\\): member node-(\\d) exited")
        .matcher(failure.getMessage());
    assertThat(exited.find()).as(failure.getMessage()).isTrue();
    int member = Integer.parseInt(exited.group(1));
    assertThat(failure).hasMessageContaining("agent --node-id node-" + member + " --cluster-id bench --data-dir "
        + settings.dataDir(member));
    assertThat(System.nanoTime() - started).as("no wait for the start timeout")
        .isLessThan(SynodCluster.START_TIMEOUT.toNanos() / 4);
    assertThat(settings.pkiDir().resolve("node-2.pem")).exists();
    assertThat(settings.pkiDir().resolve("bench-client-key.pem")).exists();
  }

  @Test
  void aTakenPortIsNamedBeforeAnyMemberStarts() throws Exception {
    Path distribution = FakeDistribution.create(dir.resolve("dist"), "exit 0", "1.2.3");
    SynodSettings settings = SynodSettings.plaintext(distribution, dir.resolve("run")).withBasePort(BASE_PORT);
    try (ServerSocket taken = new ServerSocket()) {
      taken.bind(new InetSocketAddress(SynodSettings.HOST, settings.gossipPort(1)));

      assertThatThrownBy(() -> SynodCluster.start(settings))
          .isInstanceOf(IllegalStateException.class)
          .hasMessageStartingWith("port " + settings.gossipPort(1) + " on 127.0.0.1 (node-1's gossip port): in use");
    }
    assertThat(settings.logFile(0)).doesNotExist();
  }
}
