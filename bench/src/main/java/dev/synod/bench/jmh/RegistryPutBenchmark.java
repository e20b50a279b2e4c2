package dev.synod.bench.jmh;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.Command;
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
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Registry.apply} of a put with a 256 B value: into a key that does not exist yet, and over one
 * of 10,000 existing keys. Commands are built before the measurement, as consensus hands the
 * registry already-parsed commands.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RegistryPutBenchmark {
  /** Overwrites cycle over this many keys: the working set of a busy config store. */
  static final int EXISTING_KEYS = 10_000;
  /**
   * Fresh-key puts start over on an empty registry after this many inserts, so memory stays bounded
   * however long an iteration runs; the cost of dropping the old registry is part of the insert cost.
   */
  static final int FRESH_KEYS_PER_REGISTRY = 1 << 16;

  @State(Scope.Thread)
  public static class FreshKeys {
    Command[] puts;
    Registry registry;
    int next;

    @Setup(Level.Trial)
    public void buildCommands() {
      ByteString value = RegistryFixtures.value(RegistryFixtures.VALUE_BYTES);
      puts = new Command[FRESH_KEYS_PER_REGISTRY];
      for (int i = 0; i < puts.length; i++) {
        puts[i] = RegistryFixtures.put(RegistryFixtures.key(i), value);
      }
      startOver();
    }

    void startOver() {
      registry = new Registry(RegistryFixtures.LIMITS);
      next = 0;
    }
  }

  @State(Scope.Thread)
  public static class ExistingKeys {
    Command[] puts;
    Registry registry;
    int next;

    @Setup(Level.Trial)
    public void load() {
      registry = RegistryFixtures.loaded(EXISTING_KEYS, RegistryFixtures.VALUE_BYTES);
      // A different value than the loaded one, so every overwrite really changes the key.
      ByteString value = RegistryFixtures.value(RegistryFixtures.VALUE_BYTES + 1).substring(1);
      puts = new Command[EXISTING_KEYS];
      for (int i = 0; i < puts.length; i++) {
        puts[i] = RegistryFixtures.put(RegistryFixtures.key(i), value);
      }
    }
  }

  @Benchmark
  public CommandResult putFreshKey(FreshKeys s) {
    if (s.next == s.puts.length) {
      s.startOver();
    }
    return RegistryFixtures.applyNext(s.registry, s.puts[s.next++]);
  }

  @Benchmark
  public CommandResult putOverwrite(ExistingKeys s) {
    CommandResult result = RegistryFixtures.applyNext(s.registry, s.puts[s.next]);
    s.next = (s.next + 1) % s.puts.length;
    return result;
  }
}
