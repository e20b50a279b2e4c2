package dev.synod.bench.etcd;

import java.nio.file.Path;

/** An etcd executable and the version it reports ({@code etcd --version}), for the report's settings. */
public record EtcdBinary(Path path, String version) {
  public EtcdBinary {
    if (path == null) {
      throw new IllegalArgumentException("path: null (expected: the etcd executable)");
    }
    if (version == null || version.isBlank()) {
      throw new IllegalArgumentException("version: " + version + " (expected: what etcd --version reports, e.g. 3.4.23)");
    }
  }
}
