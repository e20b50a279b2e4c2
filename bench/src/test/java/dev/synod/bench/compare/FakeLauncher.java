package dev.synod.bench.compare;

import dev.synod.bench.load.KvTarget;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicInteger;

/** A system whose every start gives a fresh in-memory store; records what was started and closed. */
final class FakeLauncher implements SystemLauncher {
  final List<String> events = new ArrayList<>();
  final List<MapKvTarget> opened = new ArrayList<>();
  private final String name;
  private final long delayMicros;
  /** Given to each started system as its JIT meter when set; none otherwise, like etcd. */
  JitMeter jitMeter;

  FakeLauncher(String name, long delayMicros) {
    this.name = name;
    this.delayMicros = delayMicros;
  }

  @Override
  public String name() {
    return name;
  }

  @Override
  public RunningSystem start(Mode mode, Path dir) {
    events.add("start " + mode.label() + " " + dir.getFileName());
    Map<String, byte[]> store = new ConcurrentHashMap<>();
    AtomicInteger misses = new AtomicInteger();
    return new RunningSystem() {
      @Override
      public String settings() {
        return name + " in memory, " + mode.label();
      }

      @Override
      public List<String> commandLines() {
        return List.of(name + " --mode " + mode.label());
      }

      @Override
      public KvTarget open(int connections) {
        MapKvTarget t = new MapKvTarget(name, store, misses, delayMicros);
        opened.add(t);
        return t;
      }

      @Override
      public Optional<JitMeter> jitMeter() {
        return Optional.ofNullable(jitMeter);
      }

      @Override
      public void close() {
        events.add("close " + mode.label());
      }
    };
  }
}
