package dev.synod.bench.jmh;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.CommandResult;
import dev.synod.registry.Registry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Registry.apply} of a compare-and-swap over 10,000 existing keys with 256 B values: one that
 * matches (the key's current mod revision) and one that does not (expects the key to be absent).
 * The command is built inside the measurement, since its expected revision changes every time.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Thread)
public class RegistryCasBenchmark {
  static final int KEYS = 10_000;

  private Registry registry;
  private ByteString[] keys;
  private ByteString value;
  private long[] modRevisions;
  int next;
  private long unexpectedOutcomes;

  @Setup(Level.Trial)
  public void load() {
    value = RegistryFixtures.value(RegistryFixtures.VALUE_BYTES);
    keys = RegistryFixtures.keys(KEYS);
    registry = new Registry(RegistryFixtures.LIMITS);
    modRevisions = new long[KEYS];
    for (int i = 0; i < KEYS; i++) {
      modRevisions[i] = RegistryFixtures.applyOk(registry, RegistryFixtures.put(keys[i], value)).getRevision();
    }
  }

  /** A benchmark that silently measured the wrong branch would be worse than none. */
  @TearDown(Level.Trial)
  public void checkOutcomes() {
    if (unexpectedOutcomes > 0) {
      throw new IllegalStateException(unexpectedOutcomes + " CAS results were not the benchmarked outcome");
    }
  }

  @Benchmark
  public CommandResult casMatches() {
    int i = next;
    next = (next + 1) % KEYS;
    CommandResult result = RegistryFixtures.applyNext(registry,
        RegistryFixtures.cas(keys[i], modRevisions[i], value));
    if (!result.getCas().getSucceeded()) {
      unexpectedOutcomes++;
    }
    modRevisions[i] = result.getRevision();
    return result;
  }

  @Benchmark
  public CommandResult casMismatches() {
    int i = next;
    next = (next + 1) % KEYS;
    // 0 means "only if absent", and every key exists.
    CommandResult result = RegistryFixtures.applyNext(registry, RegistryFixtures.cas(keys[i], 0, value));
    if (result.hasError() || result.getCas().getSucceeded()) {
      unexpectedOutcomes++;
    }
    return result;
  }
}
