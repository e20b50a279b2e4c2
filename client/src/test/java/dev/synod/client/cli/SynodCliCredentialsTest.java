package dev.synod.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.security.identity.Role;
import dev.synod.security.testing.TestPki;
import java.nio.file.Files;
import java.nio.file.Path;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins how client commands choose TLS or plaintext, and how bad credential flags are reported. */
class SynodCliCredentialsTest {
  @TempDir
  Path dir;

  private static void assertError(CliRun r, int exit, String message) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(exit);
    assertThat(r.err()).as(r.toString()).startsWith("error: " + message);
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void aCommandWithoutCaFileOrInsecureDevNamesBoth() {
    assertError(CliRun.of("members", "--endpoints", "127.0.0.1:1"), ExitCodes.USAGE,
        "no transport security chosen (expected: --ca-file FILE or $SYNOD_CA_FILE to verify the cluster over TLS,"
            + " or --insecure-dev for a plaintext development cluster)");
  }

  @Test
  void certFileAndKeyFileComeTogether() {
    assertError(CliRun.of("members", "--ca-file", "ca.pem", "--cert-file", "c.pem"), ExitCodes.USAGE,
        "--cert-file and --key-file: only --cert-file given (expected: both or neither)");
    assertError(CliRun.of("members", "--ca-file", "ca.pem", "--key-file", "k.pem"), ExitCodes.USAGE,
        "--cert-file and --key-file: only --key-file given (expected: both or neither)");
  }

  @Test
  void plaintextRefusesTlsMaterialAndTokens() {
    assertError(CliRun.of("members", "--insecure-dev", "--ca-file", "ca.pem"), ExitCodes.USAGE,
        "--ca-file and --insecure-dev: both given (expected: one of them)");
    assertError(CliRun.of("members", "--insecure-dev", "--token", "synod_x"), ExitCodes.USAGE,
        "--token: a bearer token is only sent over TLS (expected: --ca-file instead of --insecure-dev");
    assertError(CliRun.of("members", "--insecure-dev", "--cert-file", "c.pem", "--key-file", "k.pem"),
        ExitCodes.USAGE, "--cert-file: a client certificate needs TLS");
  }

  @Test
  void unreadableOrGarbagePemNamesTheFlagAndPath() throws Exception {
    Path missing = dir.resolve("nope.pem");
    assertError(CliRun.of("members", "--ca-file", missing.toString()), ExitCodes.LOCAL_FILE,
        "--ca-file \"" + missing + "\": file does not exist");

    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "not a certificate");
    assertError(CliRun.of("members", "--ca-file", garbage.toString()), ExitCodes.LOCAL_FILE,
        "--ca-file \"" + garbage + "\": ");

    TestPki pki = TestPki.create("synod");
    Path ca = pki.writeCa(dir.resolve("ca.pem"));
    Path cert = TestPki.write(dir, "me", pki.issue(Role.ADMIN, "me"));
    assertError(CliRun.of("members", "--ca-file", ca.toString(), "--cert-file", cert.toString(),
        "--key-file", garbage.toString()), ExitCodes.LOCAL_FILE, "--key-file \"" + garbage + "\": ");
    Path otherKey = TestPki.write(dir, "other", pki.issue(Role.ADMIN, "other")).resolveSibling("other-key.pem");
    assertError(CliRun.of("members", "--ca-file", ca.toString(), "--cert-file", cert.toString(),
        "--key-file", otherKey.toString()), ExitCodes.LOCAL_FILE,
        "--key-file \"" + otherKey + "\": private key does not match the certificate");
  }

  @Test
  void badTokenAndClusterIdAreUsageErrors() throws Exception {
    Path ca = TestPki.create("synod").writeCa(dir.resolve("ca.pem"));
    assertError(CliRun.of("members", "--ca-file", ca.toString(), "--token", "two words"), ExitCodes.USAGE,
        "--token: contains a space, control or non-ASCII character at index 3");
    assertError(CliRun.of("members", "--ca-file", ca.toString(), "--cluster-id", "UPPER"), ExitCodes.USAGE,
        "--cluster-id: \"UPPER\" (expected: [a-z0-9]");
  }
}
