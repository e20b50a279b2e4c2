package dev.synod.bench.jmh;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.registry.Registry;
import java.util.concurrent.TimeUnit;
import org.openjdk.jmh.annotations.Benchmark;
import org.openjdk.jmh.annotations.BenchmarkMode;
import org.openjdk.jmh.annotations.Fork;
import org.openjdk.jmh.annotations.Level;
import org.openjdk.jmh.annotations.Measurement;
import org.openjdk.jmh.annotations.Mode;
import org.openjdk.jmh.annotations.OutputTimeUnit;
import org.openjdk.jmh.annotations.Param;
import org.openjdk.jmh.annotations.Scope;
import org.openjdk.jmh.annotations.Setup;
import org.openjdk.jmh.annotations.State;
import org.openjdk.jmh.annotations.Warmup;

/**
 * Snapshot write and restore of a registry holding 10k or 100k keys with 256 B values (plus the
 * 10,000 events of watch history it retains): what a Raft snapshot, a follower catching up by
 * snapshot, and {@code synod snapshot save/restore} cost in the core.
 */
@BenchmarkMode(Mode.AverageTime)
@OutputTimeUnit(TimeUnit.MILLISECONDS)
@Warmup(iterations = 3, time = 2)
@Measurement(iterations = 5, time = 2)
@Fork(1)
@State(Scope.Benchmark)
public class RegistrySnapshotBenchmark {
  @Param({"10000", "100000"})
  public int keys;

  private Registry registry;
  private RegistrySnapshot snapshot;
  private byte[] bytes;

  @Setup(Level.Trial)
  public void load() {
    registry = RegistryFixtures.loaded(keys, RegistryFixtures.VALUE_BYTES);
    snapshot = registry.snapshot();
    bytes = snapshot.toByteArray();
  }

  @Benchmark
  public RegistrySnapshot snapshot() {
    return registry.snapshot();
  }

  @Benchmark
  public Registry restore() {
    Registry fresh = new Registry(RegistryFixtures.LIMITS);
    fresh.restore(snapshot);
    return fresh;
  }

  /** Serialization alone: the bytes a snapshot file or an install-snapshot chunk carries. */
  @Benchmark
  public byte[] toBytes() {
    return snapshot.toByteArray();
  }

  @Benchmark
  public RegistrySnapshot fromBytes() throws InvalidProtocolBufferException {
    return RegistrySnapshot.parseFrom(bytes);
  }

  /** The whole path: take, serialize, parse and restore, as a follower installing a snapshot sees it. */
  @Benchmark
  public Registry roundTrip() throws InvalidProtocolBufferException {
    byte[] written = registry.snapshot().toByteArray();
    Registry fresh = new Registry(RegistryFixtures.LIMITS);
    fresh.restore(RegistrySnapshot.parseFrom(written));
    return fresh;
  }
}
