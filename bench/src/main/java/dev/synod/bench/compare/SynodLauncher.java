package dev.synod.bench.compare;

import dev.synod.bench.load.KvTarget;
import dev.synod.bench.load.SynodKvTarget;
import dev.synod.bench.jvm.AttachedJitMeter;
import dev.synod.bench.synod.SynodCluster;
import dev.synod.bench.synod.SynodSettings;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Synod as the product ships: 3 `synod agent` processes from the built distribution. */
public final class SynodLauncher implements SystemLauncher {
  private final Path distribution;

  public SynodLauncher(Path distribution) {
    this.distribution = distribution;
  }

  @Override
  public String name() {
    return CompareResult.SYNOD;
  }

  @Override
  public RunningSystem start(Mode mode, Path dir) throws InterruptedException {
    SynodSettings settings = mode == Mode.TLS
        ? SynodSettings.mutualTls(distribution, dir) : SynodSettings.plaintext(distribution, dir);
    SynodCluster cluster = SynodCluster.start(settings);
    return new RunningSystem() {
      @Override
      public String settings() {
        return settings.describe();
      }

      @Override
      public List<String> commandLines() {
        return cluster.commandLines();
      }

      @Override
      public KvTarget open(int connections) {
        return SynodKvTarget.open(cluster.clientBuilder(), connections);
      }

      @Override
      public Optional<JitMeter> jitMeter() {
        Map<String, Long> pids = new LinkedHashMap<>();
        for (int m = 0; m < settings.members(); m++) {
          pids.put(SynodSettings.memberName(m), cluster.pid(m));
        }
        try {
          return Optional.of(AttachedJitMeter.attach(pids));
        } catch (IllegalStateException e) {
          throw new IllegalStateException(e.getMessage() + " (needs a JDK and the agents' user;"
              + " --jit-settle-limit 0s measures after the fixed warm-up alone)", e);
        }
      }

      @Override
      public void close() {
        cluster.close();
      }
    };
  }
}
