package dev.synod.bench.synod;

import dev.synod.bench.etcd.EtcdCommandLine;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

/**
 * The command line and environment of one {@code synod agent}. Only what a cluster on loopback must
 * set is set, plus the rate limits; every consensus and storage setting (fsync, election timeouts,
 * snapshot threshold) stays at the agent's default, since the comparison is against Synod as operators run it.
 */
final class SynodCommandLine {
  /** The agent's maximum: a benchmark must measure the system, not the per-identity rate limiter (etcd has none). */
  static final int RATE_LIMIT = 1_000_000;
  static final List<String> RATE_LIMITED_ROLES =
      List.of("admin", "operator", "client", "edge", "file-server", "worker", "server", "anonymous");
  /**
   * For the launcher, which replaces its defaults ({@code -Xss512k -XX:+UseG1GC -XX:MaxGCPauseMillis=50})
   * with this variable when set: the defaults again, plus a fixed heap, so no agent resizes its heap mid-run.
   */
  static final String JAVA_OPTS = "-Xms1g -Xmx1g -Xss512k -XX:+UseG1GC -XX:MaxGCPauseMillis=50";
  static final String JAVA_OPTS_VARIABLE = "SYNOD_JAVA_OPTS";

  private SynodCommandLine() {}

  static List<String> of(SynodSettings s, int member) {
    List<String> args = new ArrayList<>(List.of(
        s.launcher().toString(), "agent",
        "--node-id", SynodSettings.memberName(member),
        "--cluster-id", s.clusterId(),
        "--data-dir", s.dataDir(member).toString(),
        "--bind-host", SynodSettings.HOST,
        "--api-port", Integer.toString(s.apiPort(member)),
        "--raft-port", Integer.toString(s.raftPort(member)),
        "--gossip-port", Integer.toString(s.gossipPort(member)),
        "--bootstrap-expect", Integer.toString(s.members()),
        // Every member on one machine: the local preset's short gossip intervals.
        "--gossip-preset", "local"));
    if (s.members() > 1) {
      args.addAll(List.of("--seeds", seeds(s, member)));
    }
    for (String role : RATE_LIMITED_ROLES) {
      args.add("--rate-limit-" + role);
      args.add(Integer.toString(RATE_LIMIT));
    }
    if (s.tls()) {
      args.addAll(List.of(
          "--tls-ca-file", SynodPki.caFile(s).toString(),
          "--tls-cert-file", SynodPki.certFile(s, member).toString(),
          "--tls-key-file", SynodPki.keyFile(s, member).toString()));
    } else {
      args.add("--insecure-dev");
    }
    return List.copyOf(args);
  }

  /** The variables added to the agent's environment. */
  static Map<String, String> environment() {
    return Map.of(JAVA_OPTS_VARIABLE, JAVA_OPTS);
  }

  /** The other members' gossip addresses. */
  static String seeds(SynodSettings s, int member) {
    StringJoiner seeds = new StringJoiner(",");
    for (int m = 0; m < s.members(); m++) {
      if (m != member) {
        seeds.add(SynodSettings.HOST + ":" + s.gossipPort(m));
      }
    }
    return seeds.toString();
  }

  /** For the report: one line a POSIX shell would run as is, environment included. */
  static String shellLine(SynodSettings s, int member) {
    StringJoiner line = new StringJoiner(" ");
    // NAME='value', not 'NAME=value': the shell takes a word as an assignment only when the name is unquoted.
    environment().forEach((name, value) -> line.add(name + "=" + EtcdCommandLine.shellLine(List.of(value))));
    line.add(EtcdCommandLine.shellLine(of(s, member)));
    return line.toString();
  }
}
