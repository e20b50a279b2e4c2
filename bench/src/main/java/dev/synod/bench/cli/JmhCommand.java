package dev.synod.bench.cli;

import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Parameters;

/** The registry's JMH microbenchmarks; every argument goes to JMH (try {@code -h} or {@code -l}). */
@Command(name = "jmh", description = "Runs the registry's JMH microbenchmarks; arguments go to JMH (-l lists).")
final class JmhCommand implements Callable<Integer> {
  @Parameters(arity = "0..*", paramLabel = "JMH_ARG", description = "Arguments for JMH, e.g. -f 1 -wi 3 RegistryPut")
  List<String> args = List.of();

  @Override
  public Integer call() throws Exception {
    // JMH's Main exits the JVM itself when it is done.
    org.openjdk.jmh.Main.main(args.toArray(String[]::new));
    return 0;
  }
}
