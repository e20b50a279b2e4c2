package dev.synod.bench.compare;

import dev.synod.bench.load.LoadRunner;
import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.file.Path;
import java.util.List;

/** A real comparison run over in-memory systems, for tests of what consumes its result. */
public final class ComparisonFixtures {
  private ComparisonFixtures() {}

  public static CompareResult tinyRun(Path workDir) throws InterruptedException {
    return new Comparison(ComparisonTest.TINY, List.of(new FakeLauncher(CompareResult.SYNOD, 100),
        new FakeLauncher(CompareResult.ETCD, 300)), workDir, LoadRunner.builder().progress(null).build(),
        new PrintStream(new ByteArrayOutputStream())).run();
  }
}
