package dev.synod.node.bootstrap;

import java.io.IOException;
import java.io.Reader;
import java.io.Writer;
import java.nio.channels.FileChannel;
import java.nio.channels.FileLock;
import java.nio.charset.StandardCharsets;
import java.nio.file.AtomicMoveNotSupportedException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.util.Properties;

/**
 * A node's data directory: stamped with the cluster and node id on first use, refused when it belongs
 * to another cluster or node, and locked so two agents never share it.
 */
public final class DataDirectory implements AutoCloseable {
  static final String IDENTITY_FILE = "synod-node.properties";
  private static final String LOCK_FILE = "synod.lock";

  private final Path root;
  private final FileChannel lockChannel;
  private final FileLock lock;
  private final boolean fresh;

  private DataDirectory(Path root, FileChannel lockChannel, FileLock lock, boolean fresh) {
    this.root = root;
    this.lockChannel = lockChannel;
    this.lock = lock;
    this.fresh = fresh;
  }

  /** Opens (creating if needed) the directory for this cluster and node, or throws a clear error. */
  public static DataDirectory open(Path root, String clusterId, String nodeId) throws IOException {
    Files.createDirectories(root);
    if (!Files.isWritable(root)) {
      throw new DataDirectoryException("data-dir: " + root + " is not writable");
    }
    FileChannel channel = FileChannel.open(root.resolve(LOCK_FILE), StandardOpenOption.CREATE, StandardOpenOption.WRITE);
    FileLock lock;
    try {
      lock = channel.tryLock();
    } catch (java.nio.channels.OverlappingFileLockException e) {
      lock = null; // held by this very JVM (several agents in one test JVM)
    }
    if (lock == null) {
      channel.close();
      throw new DataDirectoryException("data-dir: " + root + " is locked by another running synod agent");
    }
    try {
      Path identity = root.resolve(IDENTITY_FILE);
      boolean fresh = !Files.exists(identity);
      if (fresh) {
        refuseUnknownContents(root);
        writeIdentity(identity, clusterId, nodeId);
      } else {
        checkIdentity(root, identity, clusterId, nodeId);
      }
      return new DataDirectory(root, channel, lock, fresh);
    } catch (IOException | RuntimeException e) {
      lock.release();
      channel.close();
      throw e;
    }
  }

  public Path root() {
    return root;
  }

  public Path raftDir() {
    return root.resolve("raft");
  }

  /** True when this directory was stamped by this open, i.e. the node has never run here before. */
  public boolean fresh() {
    return fresh;
  }

  @Override
  public void close() throws IOException {
    lock.release();
    lockChannel.close();
  }

  private static void refuseUnknownContents(Path root) throws IOException {
    try (var entries = Files.list(root)) {
      var unexpected = entries.map(p -> p.getFileName().toString())
          .filter(n -> !n.equals(LOCK_FILE)).sorted().toList();
      if (!unexpected.isEmpty()) {
        throw new DataDirectoryException("data-dir: " + root + " is not empty and has no " + IDENTITY_FILE
            + " (found " + unexpected + "); refusing to use a directory that may belong to something else");
      }
    }
  }

  private static void checkIdentity(Path root, Path identity, String clusterId, String nodeId) throws IOException {
    Properties p = new Properties();
    try (Reader r = Files.newBufferedReader(identity, StandardCharsets.UTF_8)) {
      p.load(r);
    }
    String foundCluster = p.getProperty("cluster-id");
    String foundNode = p.getProperty("node-id");
    if (foundCluster == null || foundNode == null) {
      throw new DataDirectoryException("data-dir: " + identity + " is damaged (expected keys cluster-id and node-id)");
    }
    if (!foundCluster.equals(clusterId)) {
      throw new DataDirectoryException("data-dir: " + root + " belongs to cluster '" + foundCluster
          + "', but this agent is configured with cluster-id '" + clusterId + "'; use another data-dir");
    }
    if (!foundNode.equals(nodeId)) {
      throw new DataDirectoryException("data-dir: " + root + " belongs to node '" + foundNode
          + "', but this agent is configured with node-id '" + nodeId + "'; use another data-dir");
    }
  }

  private static void writeIdentity(Path identity, String clusterId, String nodeId) throws IOException {
    Properties p = new Properties();
    p.setProperty("cluster-id", clusterId);
    p.setProperty("node-id", nodeId);
    Path tmp = identity.resolveSibling(IDENTITY_FILE + ".tmp");
    try (Writer w = Files.newBufferedWriter(tmp, StandardCharsets.UTF_8)) {
      p.store(w, "Synod node identity; do not edit");
    }
    try (FileChannel c = FileChannel.open(tmp, StandardOpenOption.WRITE)) {
      c.force(true);
    }
    try {
      Files.move(tmp, identity, StandardCopyOption.ATOMIC_MOVE);
    } catch (AtomicMoveNotSupportedException e) {
      Files.move(tmp, identity, StandardCopyOption.REPLACE_EXISTING);
    }
  }
}
