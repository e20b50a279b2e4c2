package dev.synod.bench.compare;

import java.nio.file.Path;

/** A system the comparison starts afresh for each mode: Synod or etcd, as a real local cluster. */
public interface SystemLauncher {
  /** {@code synod} or {@code etcd}: the name reports use. */
  String name();

  /** Starts a cluster secured as {@code mode} with its files under {@code dir}; returns once it serves. */
  RunningSystem start(Mode mode, Path dir) throws InterruptedException;
}
