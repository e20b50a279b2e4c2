package dev.synod.bench.cli;

import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;
import picocli.CommandLine.Command;
import picocli.CommandLine.Unmatched;

/** The registry's JMH microbenchmarks; every argument goes to JMH (try {@code -h} or {@code -l}). */
@Command(name = "jmh", description = "Runs the registry's JMH microbenchmarks; every argument goes to JMH"
    + " (-l lists them, -h shows JMH's options), e.g. jmh -f 1 -wi 3 RegistryPut.")
final class JmhCommand implements Callable<Integer> {
  // Unmatched, so that JMH's own options (-f, -wi, -h) reach it instead of picocli.
  @Unmatched
  List<String> args = new ArrayList<>();

  @Override
  public Integer call() throws Exception {
    // JMH's Main exits the JVM itself when it is done.
    org.openjdk.jmh.Main.main(args.toArray(String[]::new));
    return 0;
  }
}
