package dev.synod.bench.compare;

import dev.synod.bench.etcd.EtcdBinary;
import dev.synod.bench.etcd.EtcdCluster;
import dev.synod.bench.etcd.EtcdKvTarget;
import dev.synod.bench.etcd.EtcdPki;
import dev.synod.bench.etcd.EtcdSettings;
import dev.synod.bench.load.KvTarget;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

/**
 * The reference: a 3-member etcd cluster from Debian's etcd-server, with certificates from Synod's CA
 * code in TLS mode (etcd's --client-cert-auth and peer flags, so clients must show a certificate as
 * they must for Synod).
 */
public final class EtcdLauncher implements SystemLauncher {
  private final EtcdBinary binary;

  public EtcdLauncher(EtcdBinary binary) {
    this.binary = binary;
  }

  @Override
  public String name() {
    return CompareResult.ETCD;
  }

  @Override
  public RunningSystem start(Mode mode, Path dir) throws InterruptedException {
    EtcdSettings settings = mode == Mode.TLS
        ? EtcdSettings.mutualTls(binary, dir.resolve("data"),
            EtcdPki.issue("bench-etcd", dir.resolve("pki"), EtcdSettings.DEFAULT_MEMBERS, Clock.systemUTC()))
        : EtcdSettings.plaintext(binary, dir.resolve("data"));
    EtcdCluster cluster = EtcdCluster.start(settings);
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
        return EtcdKvTarget.open(cluster, connections);
      }

      @Override
      public void close() {
        cluster.close();
      }
    };
  }
}
