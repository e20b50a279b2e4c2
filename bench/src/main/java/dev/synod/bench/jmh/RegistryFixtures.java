package dev.synod.bench.jmh;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.CasRequest;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.LeaseGrantRequest;
import dev.synod.proto.v1.LeaseKeepAliveRequest;
import dev.synod.proto.v1.PutRequest;
import dev.synod.registry.Registry;
import dev.synod.registry.RegistryLimits;
import java.util.SplittableRandom;

/**
 * Commands and pre-loaded registries shared by the benchmarks. Every command carries the same
 * timestamp: the registry clock then never moves, so no lease expires in the middle of a measurement.
 */
public final class RegistryFixtures {
  public static final RegistryLimits LIMITS = RegistryLimits.defaults();
  /** The registry clock of every command, in epoch milliseconds. */
  public static final long NOW_MILLIS = 1_767_225_600_000L;
  /** The value size of bar P1. */
  public static final int VALUE_BYTES = 256;
  /** Long enough that no lease expires while a benchmark runs, even if the clock were to move. */
  public static final long LEASE_TTL_MILLIS = 60_000;

  private RegistryFixtures() {}

  /** {@code size} pseudo-random bytes; the same every run, so runs compare. */
  public static ByteString value(int size) {
    byte[] bytes = new byte[size];
    new SplittableRandom(42).nextBytes(bytes);
    return ByteString.copyFrom(bytes);
  }

  /** Key number {@code i}, fixed width so keys sort like their numbers: {@code bench/00000042}. */
  public static ByteString key(int i) {
    return ByteString.copyFromUtf8(String.format("bench/%08d", i));
  }

  public static ByteString[] keys(int count) {
    ByteString[] keys = new ByteString[count];
    for (int i = 0; i < count; i++) {
      keys[i] = key(i);
    }
    return keys;
  }

  public static Command put(ByteString key, ByteString value) {
    return Command.newBuilder().setTimestampMillis(NOW_MILLIS)
        .setPut(PutRequest.newBuilder().setKey(key).setValue(value)).build();
  }

  public static Command cas(ByteString key, long expectedModRevision, ByteString value) {
    return Command.newBuilder().setTimestampMillis(NOW_MILLIS).setCas(CasRequest.newBuilder()
        .setKey(key).setExpectedModRevision(expectedModRevision).setValue(value)).build();
  }

  public static Command leaseGrant() {
    return Command.newBuilder().setTimestampMillis(NOW_MILLIS)
        .setLeaseGrant(LeaseGrantRequest.newBuilder().setTtlMillis(LEASE_TTL_MILLIS)).build();
  }

  public static Command leaseKeepAlive(long leaseId) {
    return Command.newBuilder().setTimestampMillis(NOW_MILLIS)
        .setLeaseKeepAlive(LeaseKeepAliveRequest.newBuilder().setLeaseId(leaseId)).build();
  }

  /** Applies {@code command} as the next log entry, as consensus would. */
  public static CommandResult applyNext(Registry registry, Command command) {
    return registry.apply(registry.revision() + 1, command);
  }

  /** Like {@link #applyNext}, but a rejection means the benchmark measures the wrong path: fail loudly. */
  public static CommandResult applyOk(Registry registry, Command command) {
    CommandResult result = applyNext(registry, command);
    if (result.hasError()) {
      throw new IllegalStateException("benchmark set-up command rejected: " + result.getError());
    }
    return result;
  }

  /** A registry holding {@code keys} keys with values of {@code valueBytes}. */
  public static Registry loaded(int keys, int valueBytes) {
    Registry registry = new Registry(LIMITS);
    ByteString value = value(valueBytes);
    for (int i = 0; i < keys; i++) {
      applyOk(registry, put(key(i), value));
    }
    return registry;
  }
}
