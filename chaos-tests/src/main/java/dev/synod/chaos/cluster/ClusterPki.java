package dev.synod.chaos.cluster;

import static dev.synod.chaos.cluster.DockerCluster.CLUSTER_ID;

import com.github.dockerjava.api.model.AccessMode;
import com.github.dockerjava.api.model.Bind;
import com.github.dockerjava.api.model.Volume;
import dev.synod.client.SynodClient;
import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.LeafSpec;
import dev.synod.security.pki.Pem;
import dev.synod.security.tls.PeerPolicy;
import dev.synod.security.tls.TlsCredentials;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;
import java.util.List;
import java.util.stream.Stream;

/**
 * The throwaway PKI of one cluster run: a fresh CA for {@link DockerCluster#CLUSTER_ID}, a server certificate per
 * node (SPIFFE name = node id) and an admin identity for the harness's clients. {@link #issue()} writes {@code
 * ca.pem}, {@code ca-key.pem}, {@code <node>.pem} and {@code <node>-key.pem} to a host temp directory, which every
 * node container mounts read-only at {@link #MOUNT}; the admin key never leaves the JVM. {@link #close()} deletes
 * the directory.
 */
final class ClusterPki implements AutoCloseable {
  /** Where the node containers see the PKI directory. */
  static final String MOUNT = "/etc/synod/pki";
  static final String ADMIN_NAME = "chaos-harness";

  private static final Duration VALIDITY = Duration.ofDays(30);
  /**
   * Certificates start a day in the past: the clock nemesis moves node clocks back by minutes, and a node whose
   * clock is before a certificate's notBefore would refuse every handshake with it.
   */
  private static final Clock BACKDATED = Clock.offset(Clock.systemUTC(), Duration.ofDays(-1));

  private final NodeTable nodes;
  private volatile Path dir;
  private volatile TlsCredentials admin;

  ClusterPki(NodeTable nodes) {
    this.nodes = nodes;
  }

  /** Creates the CA, the node files and the admin credentials. */
  synchronized void issue() {
    if (dir != null) {
      throw new IllegalStateException("PKI already issued in " + dir);
    }
    try {
      dir = Files.createTempDirectory("synod-chaos-pki-");
      // The agent runs as uid 7400 in the container and must traverse the bind-mounted directory.
      Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwxr-xr-x"));
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the cluster's PKI directory", e);
    }
    CertificateAuthority ca = CertificateAuthority.create(CLUSTER_ID, VALIDITY, KeyType.EC_P256, BACKDATED);
    write("ca", ca.material());
    for (NodeSlot n : nodes.all()) {
      LeafSpec spec = new LeafSpec(new SpiffeId(CLUSTER_ID, Role.SERVER, n.id), List.of(n.id), List.of(n.ip),
          VALIDITY);
      write(n.id, ca.issue(spec, KeyType.EC_P256, BACKDATED));
    }
    CertificateMaterial harness = ca.issue(LeafSpec.of(new SpiffeId(CLUSTER_ID, Role.ADMIN, ADMIN_NAME), VALIDITY),
        KeyType.EC_P256, BACKDATED);
    admin = TlsCredentials.fromMaterial(harness, List.of(ca.certificate()), PeerPolicy.servers(CLUSTER_ID));
  }

  /**
   * Keys are written world-readable on purpose: the agent (uid 7400) reads them through the bind mount, and they
   * are throwaway keys of a test cluster that exists only for this run.
   */
  private void write(String name, CertificateMaterial material) {
    Pem.writeAtomically(dir.resolve(name + ".pem"), Pem.encodeCertificates(material.certificate()), false);
    Pem.writeAtomically(dir.resolve(name + "-key.pem"), Pem.encodePrivateKey(material.privateKey()), false);
  }

  /** The host directory holding the PEM files; throws before {@link #issue()}. */
  Path directory() {
    Path d = dir;
    if (d == null) {
      throw new IllegalStateException("cluster not started: no PKI yet");
    }
    return d;
  }

  /** The read-only mount of the PKI directory into a node container. */
  Bind bind() {
    return new Bind(directory().toString(), new Volume(MOUNT), AccessMode.ro);
  }

  /**
   * The agent's TLS flags for {@code node}. With the CA key the nodes replicate the CA through Raft for their
   * built-in signer, so the suite runs the nodes with every TLS feature switched on.
   */
  List<String> agentArgs(String node) {
    return List.of(
        "--tls-ca-file", MOUNT + "/ca.pem",
        "--tls-ca-key-file", MOUNT + "/ca-key.pem",
        "--tls-cert-file", MOUNT + "/" + node + ".pem",
        "--tls-key-file", MOUNT + "/" + node + "-key.pem");
  }

  /** A client builder for {@code endpoints} that authenticates as the cluster's admin over mutual TLS. */
  SynodClient.Builder clientBuilder(List<String> endpoints) {
    TlsCredentials credentials = admin;
    if (credentials == null) {
      throw new IllegalStateException("cluster not started: no client credentials yet");
    }
    return SynodClient.builder().endpoints(endpoints).tls(credentials);
  }

  /** Deletes the PKI directory. Idempotent. */
  @Override
  public synchronized void close() {
    if (admin != null) {
      admin.close();
      admin = null;
    }
    if (dir == null) {
      return;
    }
    try (Stream<Path> files = Files.walk(dir)) {
      for (Path p : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(p);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot delete the cluster's PKI directory " + dir, e);
    }
    dir = null;
  }
}
