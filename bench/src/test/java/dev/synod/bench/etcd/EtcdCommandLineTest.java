package dev.synod.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class EtcdCommandLineTest {
  private static final EtcdBinary ETCD = new EtcdBinary(Path.of("/usr/bin/etcd"), "3.4.23");
  private static final List<String> TLS_FLAGS = List.of("--cert-file", "--key-file", "--trusted-ca-file",
      "--client-cert-auth", "--peer-cert-file", "--peer-key-file", "--peer-trusted-ca-file", "--peer-client-cert-auth");
  /** Flags that would change etcd's production defaults; the comparison must run without them. */
  private static final List<String> TUNING_FLAGS = List.of("--snapshot-count", "--heartbeat-interval",
      "--election-timeout", "--quota-backend-bytes", "--auto-compaction-retention", "--max-request-bytes");

  @TempDir
  Path dir;

  @Test
  void plaintextMembersListenOnLoopbackWithTheirOwnPortsAndDataDirs() {
    EtcdSettings s = new EtcdSettings(ETCD, dir, 3, 23790, null, "synod-bench-test");
    List<String> args = EtcdCommandLine.of(s, 1);

    assertThat(args.get(0)).isEqualTo("/usr/bin/etcd");
    assertThat(valueOf(args, "--name")).isEqualTo("etcd-1");
    assertThat(valueOf(args, "--data-dir")).isEqualTo(dir.resolve("etcd-1").toString());
    assertThat(valueOf(args, "--listen-client-urls")).isEqualTo("http://127.0.0.1:23791");
    assertThat(valueOf(args, "--advertise-client-urls")).isEqualTo("http://127.0.0.1:23791");
    assertThat(valueOf(args, "--listen-peer-urls")).isEqualTo("http://127.0.0.1:23801");
    assertThat(valueOf(args, "--initial-advertise-peer-urls")).isEqualTo("http://127.0.0.1:23801");
    assertThat(valueOf(args, "--initial-cluster")).isEqualTo(
        "etcd-0=http://127.0.0.1:23800,etcd-1=http://127.0.0.1:23801,etcd-2=http://127.0.0.1:23802");
    assertThat(valueOf(args, "--initial-cluster-token")).isEqualTo("synod-bench-test");
    assertThat(valueOf(args, "--initial-cluster-state")).isEqualTo("new");
    assertThat(args).doesNotContainAnyElementsOf(TLS_FLAGS);
  }

  @Test
  void mutualTlsMembersUseTheirOwnCertificateForClientAndPeerTrafficAndRequireClientCertificates() {
    EtcdPki pki = EtcdPki.issue("bench-etcd", dir.resolve("pki"), 3, Clock.systemUTC());
    EtcdSettings s = EtcdSettings.mutualTls(ETCD, dir.resolve("etcd"), pki);
    List<String> args = EtcdCommandLine.of(s, 2);

    assertThat(args).containsAll(TLS_FLAGS);
    assertThat(valueOf(args, "--cert-file")).isEqualTo(pki.certFile(2).toString());
    assertThat(valueOf(args, "--key-file")).isEqualTo(pki.keyFile(2).toString());
    assertThat(valueOf(args, "--peer-cert-file")).isEqualTo(pki.certFile(2).toString());
    assertThat(valueOf(args, "--peer-key-file")).isEqualTo(pki.keyFile(2).toString());
    assertThat(valueOf(args, "--trusted-ca-file")).isEqualTo(pki.caFile().toString());
    assertThat(valueOf(args, "--peer-trusted-ca-file")).isEqualTo(pki.caFile().toString());
    assertThat(valueOf(args, "--listen-client-urls")).isEqualTo("https://127.0.0.1:23792");
    assertThat(valueOf(args, "--initial-cluster")).contains("etcd-0=https://127.0.0.1:23800");
    assertThat(pki.files()).allSatisfy(f -> assertThat(f).isRegularFile());
  }

  @Test
  void noModeSetsAnUnsafeOrTuningFlag() {
    EtcdPki pki = EtcdPki.issue("bench-etcd", dir.resolve("pki"), 3, Clock.systemUTC());
    for (EtcdSettings s : List.of(EtcdSettings.plaintext(ETCD, dir), EtcdSettings.mutualTls(ETCD, dir, pki))) {
      for (int m = 0; m < s.members(); m++) {
        List<String> args = EtcdCommandLine.of(s, m);
        assertThat(args).noneMatch(arg -> arg.contains("unsafe")).doesNotContainAnyElementsOf(TUNING_FLAGS);
      }
    }
  }

  @Test
  void theShellLineQuotesOnlyWhatAShellWouldSplitOrExpand() {
    assertThat(EtcdCommandLine.shellLine(List.of("/usr/bin/etcd", "--data-dir", "/tmp/my dir", "--name", "it's")))
        .isEqualTo("/usr/bin/etcd --data-dir '/tmp/my dir' --name 'it'\\''s'");
  }

  @Test
  void settingsRejectOutOfRangeValuesNamingFieldValueAndLimit() {
    assertThatThrownBy(() -> new EtcdSettings(ETCD, dir, 10, 23790, null, "t"))
        .hasMessage("members: 10 (expected: 1..9)");
    assertThatThrownBy(() -> new EtcdSettings(ETCD, dir, 3, 80, null, "t"))
        .hasMessage("basePort: 80 (expected: 1024..65516)");
    EtcdPki pki = EtcdPki.issue("bench-etcd", dir.resolve("pki"), 1, Clock.systemUTC());
    assertThatThrownBy(() -> EtcdSettings.mutualTls(ETCD, dir, pki))
        .hasMessage("pki: certificates for 1 members (expected: 3)");
    assertThatThrownBy(() -> EtcdSettings.plaintext(ETCD, dir).clientPort(3))
        .hasMessage("member: 3 (expected: 0..2)");
  }

  @Test
  void theDescriptionNamesTransportPortsAndTheDefaultsReliedOn() {
    EtcdSettings s = EtcdSettings.plaintext(ETCD, dir.resolve("not-yet-created"));
    assertThat(s.describe()).startsWith("etcd 3.4.23, 3 members on 127.0.0.1 (client ports 23790..23792,"
        + " peer ports 23800..23802), plaintext, data on ").contains("fsync on", "heartbeat 100 ms");
  }

  @Test
  void eachClusterGetsItsOwnToken() {
    assertThat(EtcdSettings.plaintext(ETCD, dir).clusterToken()).isNotEqualTo(EtcdSettings.plaintext(ETCD, dir).clusterToken());
  }

  private static String valueOf(List<String> args, String flag) {
    int i = args.indexOf(flag);
    assertThat(i).as("flag %s in %s", flag, args).isNotNegative();
    assertThat(args.indexOf(flag)).as("flag %s once", flag).isEqualTo(args.lastIndexOf(flag));
    return args.get(i + 1);
  }
}
