package dev.synod.bench.jmh;

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
import org.openjdk.jmh.annotations.TearDown;
import org.openjdk.jmh.annotations.Warmup;

/**
 * {@code Registry.apply} of lease traffic: keep-alives over 10,000 live leases, and the mix a fleet of
 * agents produces, one grant for every nine keep-alives of recently granted leases.
 */
@BenchmarkMode(Mode.Throughput)
@OutputTimeUnit(TimeUnit.SECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
public class RegistryLeaseBenchmark {
  static final int LIVE_LEASES = 10_000;
  /** In the mix, one command in this many is a grant. */
  static final int GRANT_EVERY = 10;
  /** Keep-alives in the mix go to the most recent of this many grants. */
  static final int RECENT_LEASES = 1_024;
  /** The mix starts over on an empty registry after this many grants, so memory stays bounded. */
  static final int GRANTS_PER_REGISTRY = 1 << 16;

  @State(Scope.Thread)
  public static class LiveLeases {
    Registry registry;
    Command[] keepAlives;
    int next;
    long failures;

    @Setup(Level.Trial)
    public void grant() {
      registry = new Registry(RegistryFixtures.LIMITS);
      keepAlives = new Command[LIVE_LEASES];
      for (int i = 0; i < LIVE_LEASES; i++) {
        long id = RegistryFixtures.applyOk(registry, RegistryFixtures.leaseGrant()).getLeaseGrant().getLease().getId();
        keepAlives[i] = RegistryFixtures.leaseKeepAlive(id);
      }
    }

    @TearDown(Level.Trial)
    public void check() {
      if (failures > 0) {
        throw new IllegalStateException(failures + " keep-alives were rejected");
      }
    }
  }

  @State(Scope.Thread)
  public static class Mix {
    final Command grant = RegistryFixtures.leaseGrant();
    final long[] recent = new long[RECENT_LEASES];
    Registry registry;
    int granted;
    long ops;
    long failures;

    @Setup(Level.Trial)
    public void startOver() {
      registry = new Registry(RegistryFixtures.LIMITS);
      granted = 0;
    }

    @TearDown(Level.Trial)
    public void check() {
      if (failures > 0) {
        throw new IllegalStateException(failures + " lease commands were rejected");
      }
    }
  }

  @Benchmark
  public CommandResult keepAlive(LiveLeases s) {
    CommandResult result = RegistryFixtures.applyNext(s.registry, s.keepAlives[s.next]);
    s.next = (s.next + 1) % s.keepAlives.length;
    if (result.hasError()) {
      s.failures++;
    }
    return result;
  }

  @Benchmark
  public CommandResult grantAndKeepAliveMix(Mix s) {
    long op = s.ops++;
    CommandResult result;
    if (s.granted == 0 || op % GRANT_EVERY == 0) {
      if (s.granted == GRANTS_PER_REGISTRY) {
        s.startOver();
      }
      result = RegistryFixtures.applyNext(s.registry, s.grant);
      s.recent[s.granted++ % RECENT_LEASES] = result.getLeaseGrant().getLease().getId();
    } else {
      long id = s.recent[(int) (op % Math.min(s.granted, RECENT_LEASES))];
      result = RegistryFixtures.applyNext(s.registry, RegistryFixtures.leaseKeepAlive(id));
    }
    if (result.hasError()) {
      s.failures++;
    }
    return result;
  }
}
