package dev.synod.bench.cli;

import dev.synod.bench.compare.FailoverComparison;
import dev.synod.bench.compare.FailoverSummary;
import dev.synod.bench.etcd.EtcdInstaller;
import dev.synod.bench.failover.FailoverResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** P4: SIGKILL the leader of each system under load and time the recovery. */
@Command(name = "failover", mixinStandardHelpOptions = true,
    description = "P4: under a steady write load, SIGKILLs the leader of a fresh 3-member Synod cluster and of a"
        + " fresh etcd cluster (mutual TLS), alternately, and reports the time to the first acknowledged write.")
final class FailoverCommand implements Callable<Integer> {
  @Mixin
  RunOptions run;

  @Mixin
  FailoverOptions failover;

  @Override
  public Integer call() throws Exception {
    List<FailoverResult> results = failover(failover, run);
    run.write(run.report(Optional.empty(), results, List.of()));
    return 0;
  }

  static List<FailoverResult> failover(FailoverOptions options, RunOptions run) throws InterruptedException {
    var etcd = EtcdInstaller.system(System.out).findOrInstall();
    List<FailoverResult> results = new FailoverComparison(options.plan(), options.runs, run.distribution(), etcd,
        run.workDir(), System.out).run();
    FailoverSummary.bar(results).ifPresent(b -> System.out.println(b));
    return results;
  }
}
