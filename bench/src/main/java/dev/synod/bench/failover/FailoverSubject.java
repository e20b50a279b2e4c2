package dev.synod.bench.failover;

import dev.synod.bench.load.KvTarget;
import java.time.Duration;

/** A running cluster a failover run can drive and kill members of; closing it stops the cluster. */
public interface FailoverSubject extends AutoCloseable {
  /** A short name for progress lines and results, such as {@code synod} or {@code etcd}. */
  String name();

  /** The member index of the live leader that the live members agree on, waiting up to {@code timeout}. */
  int leader(Duration timeout) throws InterruptedException;

  /** The member's process id, for progress lines. */
  long pid(int member);

  boolean alive(int member);

  /** SIGKILL; returns once the process is gone. */
  void kill(int member) throws InterruptedException;

  /**
   * Opens {@code connections} clients to the cluster whose every write fails after {@code requestDeadline}
   * without an answer, rather than waiting on a dead leader. The caller closes the target.
   */
  KvTarget openTarget(int connections, Duration requestDeadline);

  @Override
  void close();
}
