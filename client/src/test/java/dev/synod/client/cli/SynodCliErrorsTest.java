package dev.synod.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.client.FakeNode;
import io.grpc.Status;
import java.net.ServerSocket;
import org.junit.jupiter.api.Test;

/** Pins the CLI's failure contract: {@code error: ...} on stderr, distinct exit codes, no stack traces. */
class SynodCliErrorsTest {
  private static void assertNoStackTrace(CliRun r) {
    assertThat(r.err()).doesNotContain("\tat ").doesNotContain("Exception in");
  }

  @Test
  void unknownFlagIsAUsageError() {
    CliRun r = CliRun.of("kv", "get", "k", "--bogus");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).startsWith("error: Unknown option: '--bogus'")
        .contains("Try 'synod kv get --help' for more information.");
    assertNoStackTrace(r);
  }

  @Test
  void badTimeoutNamesTheOptionTheValueAndTheExpectedForm() {
    CliRun r = CliRun.of("members", "--timeout", "5x");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--timeout").contains("'5x'")
        .contains("expected: a positive duration such as 500ms, 5s");
    assertNoStackTrace(r);
  }

  @Test
  void badEndpointIsAUsageErrorNamingTheEntry() {
    CliRun r = CliRun.of("members", "--endpoints", "10.0.0.1:7400,nohost");

    assertThat(r.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).contains("--endpoints").contains("endpoints[1]: 'nohost' (expected: host:port)");
    assertNoStackTrace(r);
  }

  @Test
  void missingArgumentsAndSubcommandsAreUsageErrors() {
    assertThat(CliRun.of("kv", "put", "k").exit()).isEqualTo(ExitCodes.USAGE);
    CliRun group = CliRun.of("kv");
    assertThat(group.exit()).isEqualTo(ExitCodes.USAGE);
    assertThat(group.err()).startsWith("error: Missing subcommand");
    assertThat(CliRun.of("kv", "cas", "k", "notanumber", "v").exit()).isEqualTo(ExitCodes.USAGE);
  }

  @Test
  void unreachableClusterExitsUnavailable() throws Exception {
    int port;
    try (ServerSocket s = new ServerSocket(0)) {
      port = s.getLocalPort();
    }
    CliRun r = CliRun.of("members", "--endpoints", "127.0.0.1:" + port, "--timeout", "500ms", "--insecure-dev");

    assertThat(r.exit()).isEqualTo(ExitCodes.UNAVAILABLE);
    assertThat(r.err()).startsWith("error: UNAVAILABLE");
    assertNoStackTrace(r);
  }

  @Test
  void serverRejectionExitsServerErrorWithTheServersDescription() throws Exception {
    try (FakeNode node = FakeNode.netty()) {
      node.failNext("Put", 1, Status.INVALID_ARGUMENT.withDescription("value: 2000000 bytes (expected: <= 1048576)"));
      CliRun r = CliRun.of("kv", "put", "k", "v", "--endpoints", node.address, "--insecure-dev");

      assertThat(r.exit()).isEqualTo(ExitCodes.SERVER_ERROR);
      assertThat(r.err()).startsWith(
          "error: INVALID_ARGUMENT: value: 2000000 bytes (expected: <= 1048576) (endpoint " + node.address + ")");
      assertNoStackTrace(r);
    }
  }

  @Test
  void restoringAMissingFileIsALocalFileError() {
    CliRun r = CliRun.of("snapshot", "restore", "/nonexistent/x.snap", "--endpoints", "127.0.0.1:1", "--insecure-dev");

    assertThat(r.exit()).isEqualTo(ExitCodes.LOCAL_FILE);
    assertThat(r.err()).isEqualTo("error: /nonexistent/x.snap: no such file\n");
  }

  @Test
  void helpListsTheCommandsAndGlobalOptions() {
    CliRun top = CliRun.of("--help");
    assertThat(top.exit()).isZero();
    assertThat(top.out()).contains("members", "raft", "kv", "snapshot", "status", "autopilot", "acl", "tls");

    CliRun get = CliRun.of("kv", "get", "--help");
    assertThat(get.out()).contains("--endpoints", "--json", "--timeout", "--stale", "--cluster-id", "--ca-file",
        "--cert-file", "--key-file", "--token", "--insecure-dev");
  }
}
