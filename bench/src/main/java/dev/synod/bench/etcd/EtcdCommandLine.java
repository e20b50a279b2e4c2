package dev.synod.bench.etcd;

import java.util.ArrayList;
import java.util.List;
import java.util.StringJoiner;
import java.util.regex.Pattern;

/**
 * The command line of one member. Only what a cluster on loopback must set is set; every tuning flag
 * (fsync, snapshot count, heartbeat, election timeout, quota) stays at etcd's production default,
 * since the comparison is against etcd as operators run it.
 */
public final class EtcdCommandLine {
  private static final Pattern SAFE = Pattern.compile("[A-Za-z0-9_./=:,@+%-]+");

  private EtcdCommandLine() {}

  static List<String> of(EtcdSettings s, int member) {
    List<String> args = new ArrayList<>(List.of(
        s.binary().path().toString(),
        "--name", EtcdSettings.memberName(member),
        "--data-dir", s.dataDir(member).toString(),
        "--listen-client-urls", s.clientUrl(member).toString(),
        "--advertise-client-urls", s.clientUrl(member).toString(),
        "--listen-peer-urls", s.peerUrl(member).toString(),
        "--initial-advertise-peer-urls", s.peerUrl(member).toString(),
        "--initial-cluster", initialCluster(s),
        "--initial-cluster-token", s.clusterToken(),
        "--initial-cluster-state", "new",
        // etcd 3.4 defaults to the deprecated capnslog logger and warns about it; zap is 3.5's default.
        "--logger", "zap",
        "--log-outputs", "stderr"));
    if (s.tls()) {
      EtcdPki pki = s.pki();
      String cert = pki.certFile(member).toString();
      String key = pki.keyFile(member).toString();
      String ca = pki.caFile().toString();
      args.addAll(List.of(
          "--cert-file", cert, "--key-file", key, "--trusted-ca-file", ca, "--client-cert-auth",
          "--peer-cert-file", cert, "--peer-key-file", key, "--peer-trusted-ca-file", ca, "--peer-client-cert-auth"));
    }
    return List.copyOf(args);
  }

  static String initialCluster(EtcdSettings s) {
    StringJoiner members = new StringJoiner(",");
    for (int i = 0; i < s.members(); i++) {
      members.add(EtcdSettings.memberName(i) + "=" + s.peerUrl(i));
    }
    return members.toString();
  }

  /** For the report: one line a POSIX shell would run as is; arguments with unusual characters are single-quoted. */
  public static String shellLine(List<String> args) {
    StringJoiner line = new StringJoiner(" ");
    for (String arg : args) {
      line.add(SAFE.matcher(arg).matches() ? arg : "'" + arg.replace("'", "'\\''") + "'");
    }
    return line.toString();
  }
}
