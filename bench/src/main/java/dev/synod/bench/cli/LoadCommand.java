package dev.synod.bench.cli;

import dev.synod.bench.load.KvTarget;
import dev.synod.bench.load.LoadResult;
import dev.synod.bench.load.LoadRunner;
import dev.synod.bench.load.Workload;
import java.io.PrintWriter;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Spec;

/** Drives a cluster that is already running, Synod or etcd, and prints what it measured. */
@Command(name = "load", mixinStandardHelpOptions = true,
    description = "Drives a running Synod or etcd cluster with one workload and prints latency and throughput.")
final class LoadCommand implements Callable<Integer> {
  @Mixin
  WorkloadOptions workloadOptions;

  @Mixin
  TargetOptions target;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    Workload workload = workloadOptions.workload();
    PrintWriter out = spec.commandLine().getOut();
    out.println("workload: " + workload);
    out.flush();
    LoadResult result;
    try (KvTarget kv = target.open(workload.connections(), spec)) {
      result = LoadRunner.builder().progress(System.err).build().run(workload, kv);
    }
    out.println(result);
    out.println("puts: " + result.putLatency());
    out.println("gets: " + result.getLatency());
    out.println("completions per second: " + java.util.Arrays.toString(result.completionsPerSecond()));
    return result.errorCount() == 0 ? 0 : 1;
  }
}
