package dev.synod.bench.failover;

import dev.synod.bench.load.KvTarget;
import dev.synod.bench.load.SynodKvTarget;
import dev.synod.bench.synod.SynodCluster;
import java.time.Duration;

/** A {@link SynodCluster} as a failover subject; takes ownership of the cluster. */
public final class SynodFailoverSubject implements FailoverSubject {
  private final SynodCluster cluster;

  public SynodFailoverSubject(SynodCluster cluster) {
    this.cluster = cluster;
  }

  @Override
  public String name() {
    return "synod";
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

  /** The SDK's deadline is per attempt, and puts are never retried: it is the whole write's deadline. */
  @Override
  public KvTarget openTarget(int connections, Duration requestDeadline) {
    return SynodKvTarget.open(cluster.clientBuilder().deadline(requestDeadline), connections);
  }

  @Override
  public void close() {
    cluster.close();
  }
}
