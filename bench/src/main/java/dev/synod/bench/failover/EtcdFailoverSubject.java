package dev.synod.bench.failover;

import dev.synod.bench.etcd.DeadlineInterceptor;
import dev.synod.bench.etcd.EtcdCluster;
import dev.synod.bench.etcd.EtcdKvTarget;
import dev.synod.bench.etcd.EtcdSettings;
import dev.synod.bench.load.KvTarget;
import dev.synod.bench.load.WorkloadLimits;
import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;

/** An {@link EtcdCluster} as a failover subject; takes ownership of the cluster. */
public final class EtcdFailoverSubject implements FailoverSubject {
  private final EtcdCluster cluster;

  public EtcdFailoverSubject(EtcdCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public String name() {
    return "etcd";
  }

  @Override
  public int leader(Duration timeout) throws InterruptedException {
    return cluster.leader(timeout);
  }

  @Override
  public long pid(int member) {
    return cluster.pid(member);
  }

  @Override
  public boolean alive(int member) {
    return cluster.alive(member);
  }

  @Override
  public void kill(int member) throws InterruptedException {
    cluster.kill(member);
  }

  /** jetcd sets no deadline of its own, and does not retry puts: an interceptor gives each call one. */
  @Override
  public KvTarget openTarget(int connections, Duration requestDeadline) {
    if (connections < 1 || connections > WorkloadLimits.MAX_CONNECTIONS) {
      throw new IllegalArgumentException("connections: " + connections
          + " (expected: 1.." + WorkloadLimits.MAX_CONNECTIONS + ")");
    }
    EtcdSettings s = cluster.settings();
    List<Client> clients = new ArrayList<>(connections);
    try {
      for (int i = 0; i < connections; i++) {
        ClientBuilder builder = Client.builder().endpoints(s.clientUrls())
            .interceptor(new DeadlineInterceptor(requestDeadline));
        if (s.tls()) {
          builder.sslContext(s.pki().clientSslContext());
        }
        clients.add(builder.build());
      }
    } catch (RuntimeException e) {
      clients.forEach(Client::close);
      throw e;
    }
    return new EtcdKvTarget(clients);
  }

  @Override
  public void close() {
    cluster.close();
  }
}
