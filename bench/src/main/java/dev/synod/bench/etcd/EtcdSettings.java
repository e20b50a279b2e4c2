package dev.synod.bench.etcd;

import dev.synod.bench.report.DataFileSystem;
import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.concurrent.ThreadLocalRandom;

/**
 * How the benchmark's etcd cluster runs: members on 127.0.0.1, client ports from {@code basePort}
 * (23790 by default, clear of a system etcd on 2379/2380), peer ports {@value #PEER_PORT_OFFSET} above,
 * each member's data directory and log under {@code baseDir}. With {@code pki}, client and peer traffic
 * use mutual TLS; without, plaintext. Everything else is etcd's default: fsync on, default snapshot
 * count, 100 ms heartbeat and 1000 ms election timeout.
 */
public record EtcdSettings(EtcdBinary binary, Path baseDir, int members, int basePort, EtcdPki pki, String clusterToken) {
  public static final String HOST = "127.0.0.1";
  public static final int DEFAULT_MEMBERS = 3;
  public static final int DEFAULT_BASE_PORT = 23790;
  public static final int MAX_MEMBERS = 9;
  /** Peer port = client port + this; it leaves room for {@link #MAX_MEMBERS} client ports below the first peer port. */
  public static final int PEER_PORT_OFFSET = 10;
  private static final int MIN_PORT = 1024;
  private static final int MAX_BASE_PORT = 65535 - PEER_PORT_OFFSET - MAX_MEMBERS;

  public EtcdSettings {
    if (binary == null) {
      throw new IllegalArgumentException("binary: null (expected: an etcd executable, see EtcdInstaller)");
    }
    if (baseDir == null) {
      throw new IllegalArgumentException("baseDir: null (expected: a directory on the file system the Synod data dirs use)");
    }
    if (members < 1 || members > MAX_MEMBERS) {
      throw new IllegalArgumentException("members: " + members + " (expected: 1.." + MAX_MEMBERS + ")");
    }
    if (basePort < MIN_PORT || basePort > MAX_BASE_PORT) {
      throw new IllegalArgumentException("basePort: " + basePort + " (expected: " + MIN_PORT + ".." + MAX_BASE_PORT + ")");
    }
    if (pki != null && pki.members() != members) {
      throw new IllegalArgumentException("pki: certificates for " + pki.members() + " members (expected: " + members + ")");
    }
    if (clusterToken == null || !clusterToken.matches("[A-Za-z0-9-]{1,64}")) {
      throw new IllegalArgumentException("clusterToken: " + clusterToken + " (expected: 1..64 letters, digits or hyphens)");
    }
  }

  /** Three members in plaintext on the default ports, with a fresh cluster token. */
  public static EtcdSettings plaintext(EtcdBinary binary, Path baseDir) {
    return new EtcdSettings(binary, baseDir, DEFAULT_MEMBERS, DEFAULT_BASE_PORT, null, newToken());
  }

  /** Three members with mutual TLS on client and peer traffic, certificates from {@code pki}. */
  public static EtcdSettings mutualTls(EtcdBinary binary, Path baseDir, EtcdPki pki) {
    return new EtcdSettings(binary, baseDir, DEFAULT_MEMBERS, DEFAULT_BASE_PORT, pki, newToken());
  }

  public EtcdSettings withBasePort(int port) {
    return new EtcdSettings(binary, baseDir, members, port, pki, clusterToken);
  }

  /** The settings in one line, for the report: what runs, where, and the defaults it relies on. */
  public String describe() {
    return "etcd " + binary.version() + ", " + members + " members on " + HOST + " (client ports " + clientPort(0)
        + ".." + clientPort(members - 1) + ", peer ports " + peerPort(0) + ".." + peerPort(members - 1) + "), "
        + (tls() ? "mutual TLS on client and peer traffic (client certificates required)" : "plaintext")
        + ", data on " + dataFileSystem() + "; etcd defaults otherwise: fsync on, snapshot-count 100000,"
        + " heartbeat 100 ms, election timeout 1000 ms, backend quota 2 GiB, no auto-compaction";
  }

  /** A token unique to one cluster, so members of two clusters can never join each other. */
  static String newToken() {
    byte[] bytes = new byte[6];
    ThreadLocalRandom.current().nextBytes(bytes);
    return "synod-bench-" + HexFormat.of().formatHex(bytes);
  }

  public static String memberName(int member) {
    return "etcd-" + member;
  }

  public boolean tls() {
    return pki != null;
  }

  public String scheme() {
    return tls() ? "https" : "http";
  }

  public int clientPort(int member) {
    return basePort + checked(member);
  }

  public int peerPort(int member) {
    return basePort + PEER_PORT_OFFSET + checked(member);
  }

  public URI clientUrl(int member) {
    return URI.create(scheme() + "://" + HOST + ":" + clientPort(member));
  }

  public URI peerUrl(int member) {
    return URI.create(scheme() + "://" + HOST + ":" + peerPort(member));
  }

  public List<URI> clientUrls() {
    List<URI> urls = new ArrayList<>();
    for (int i = 0; i < members; i++) {
      urls.add(clientUrl(i));
    }
    return urls;
  }

  public Path dataDir(int member) {
    return baseDir.resolve(memberName(checked(member)));
  }

  /**
   * The file system the data directories live (or will live) on, e.g. {@code ext4 (/dev/nvme0n1p2)}:
   * for the report, which must show both systems on the same one.
   */
  public String dataFileSystem() {
    return DataFileSystem.describe(baseDir);
  }

  public Path logFile(int member) {
    return baseDir.resolve(memberName(checked(member)) + ".log");
  }

  private int checked(int member) {
    if (member < 0 || member >= members) {
      throw new IndexOutOfBoundsException("member: " + member + " (expected: 0.." + (members - 1) + ")");
    }
    return member;
  }
}
