package dev.synod.bench.compare;

import dev.synod.bench.etcd.EtcdBinary;
import dev.synod.bench.etcd.EtcdCluster;
import dev.synod.bench.etcd.EtcdPki;
import dev.synod.bench.etcd.EtcdSettings;
import dev.synod.bench.failover.EtcdFailoverSubject;
import dev.synod.bench.failover.FailoverPlan;
import dev.synod.bench.failover.FailoverResult;
import dev.synod.bench.failover.FailoverScenario;
import dev.synod.bench.failover.FailoverSubject;
import dev.synod.bench.failover.SynodFailoverSubject;
import dev.synod.bench.synod.SynodCluster;
import dev.synod.bench.synod.SynodSettings;
import java.io.PrintStream;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

/**
 * P4: the failover scenario on a fresh 3-member cluster of each system, alternating Synod and etcd, {@code runs}
 * times each, with mutual TLS (both systems' production setting).
 */
public final class FailoverComparison {
  private final FailoverPlan plan;
  private final int runs;
  private final Path distribution;
  private final EtcdBinary etcd;
  private final Path workDir;
  private final PrintStream out;

  public FailoverComparison(FailoverPlan plan, int runs, Path distribution, EtcdBinary etcd, Path workDir,
      PrintStream out) {
    if (runs < 1 || runs > 100) {
      throw new IllegalArgumentException("runs: " + runs + " (expected: 1..100)");
    }
    this.plan = plan;
    this.runs = runs;
    this.distribution = distribution;
    this.etcd = etcd;
    this.workDir = workDir;
    this.out = out;
  }

  public List<FailoverResult> run() throws InterruptedException {
    List<FailoverResult> results = new ArrayList<>();
    FailoverScenario scenario = new FailoverScenario(plan, out);
    for (int i = 1; i <= runs; i++) {
      Path synodDir = workDir.resolve("failover-synod-" + i);
      out.printf("==> failover run %d/%d: synod%n", i, runs);
      try (FailoverSubject s = new SynodFailoverSubject(SynodCluster.start(
          SynodSettings.mutualTls(distribution, synodDir)))) {
        results.add(report(scenario.run(s)));
      }
      Path etcdDir = workDir.resolve("failover-etcd-" + i);
      out.printf("==> failover run %d/%d: etcd%n", i, runs);
      EtcdPki pki = EtcdPki.issue("bench-etcd", etcdDir.resolve("pki"), EtcdSettings.DEFAULT_MEMBERS,
          Clock.systemUTC());
      try (FailoverSubject e = new EtcdFailoverSubject(EtcdCluster.start(
          EtcdSettings.mutualTls(etcd, etcdDir.resolve("data"), pki)))) {
        results.add(report(scenario.run(e)));
      }
    }
    return results;
  }

  private FailoverResult report(FailoverResult r) {
    out.println("    " + r);
    return r;
  }
}
