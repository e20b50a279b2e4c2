package dev.synod.bench.cli;

import dev.synod.bench.compare.GossipComparison;
import dev.synod.bench.gossip.GossipResult;
import java.util.List;
import java.util.Optional;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

/** P5: Synod's membership against serf. */
@Command(name = "gossip", mixinStandardHelpOptions = true,
    description = "P5: rings of N `synod gossip-probe` and N `serf agent` processes with LAN settings; kills a"
        + " member and times until every survivor sees it dead, with and without CPU contention, and counts"
        + " false suspicions under contention.")
final class GossipCommand implements Callable<Integer> {
  @Mixin
  RunOptions run;

  @Mixin
  GossipOptions gossip;

  @Override
  public Integer call() throws Exception {
    run.write(run.report(Optional.empty(), List.of(), gossip(gossip, run)));
    return 0;
  }

  static List<GossipResult> gossip(GossipOptions options, RunOptions run) throws InterruptedException {
    List<GossipResult> results = GossipComparison.run(options.plan(), run.distribution(), run.workDir(), System.out);
    GossipComparison.bars(results).forEach(System.out::println);
    return results;
  }
}
