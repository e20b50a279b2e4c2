package dev.synod.bench.etcd;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.LeafSpec;
import dev.synod.security.pki.Pem;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;

/**
 * Certificates for an etcd cluster, issued by Synod's own CA code and written as PEM files for etcd's
 * flags: one certificate per member, serving both client and peer TLS (Synod's leaves carry serverAuth
 * and clientAuth, and etcd's peers need both), and one client certificate for the benchmark's jetcd
 * clients. etcd checks host names, so member certificates name IP 127.0.0.1 and DNS localhost.
 */
public final class EtcdPki {
  static final Duration VALIDITY = Duration.ofDays(7);
  static final String CLIENT_NAME = "bench-client";

  private final Path dir;
  private final CertificateAuthority ca;
  private final CertificateMaterial client;
  private final int members;

  private EtcdPki(Path dir, CertificateAuthority ca, CertificateMaterial client, int members) {
    this.dir = dir;
    this.ca = ca;
    this.client = client;
    this.members = members;
  }

  /** Creates a fresh CA for {@code clusterId} and issues from it. */
  public static EtcdPki issue(String clusterId, Path dir, int members, Clock clock) {
    return issue(CertificateAuthority.create(clusterId, VALIDITY, KeyType.EC_P256, clock), clusterId, dir, members, clock);
  }

  /** Issues from an existing CA, e.g. the one the Synod cluster of the same run uses. */
  public static EtcdPki issue(CertificateAuthority ca, String clusterId, Path dir, int members, Clock clock) {
    if (members < 1 || members > EtcdSettings.MAX_MEMBERS) {
      throw new IllegalArgumentException("members: " + members + " (expected: 1.." + EtcdSettings.MAX_MEMBERS + ")");
    }
    try {
      Files.createDirectories(dir);
    } catch (IOException e) {
      throw new UncheckedIOException("cannot create the etcd PKI directory " + dir, e);
    }
    Pem.writeAtomically(dir.resolve("ca.pem"), Pem.encodeCertificates(ca.certificate()), false);
    for (int i = 0; i < members; i++) {
      LeafSpec spec = new LeafSpec(new SpiffeId(clusterId, Role.SERVER, EtcdSettings.memberName(i)),
          List.of("localhost"), List.of(EtcdSettings.HOST), VALIDITY);
      write(dir, EtcdSettings.memberName(i), ca.issue(spec, KeyType.EC_P256, clock));
    }
    CertificateMaterial client = ca.issue(LeafSpec.of(new SpiffeId(clusterId, Role.CLIENT, CLIENT_NAME), VALIDITY),
        KeyType.EC_P256, clock);
    write(dir, CLIENT_NAME, client);
    return new EtcdPki(dir, ca, client, members);
  }

  private static void write(Path dir, String name, CertificateMaterial material) {
    Pem.writeAtomically(dir.resolve(name + ".pem"), Pem.encodeCertificates(material.certificate()), false);
    Pem.writeAtomically(dir.resolve(name + "-key.pem"), Pem.encodePrivateKey(material.privateKey()), true);
  }

  public Path dir() {
    return dir;
  }

  public Path caFile() {
    return dir.resolve("ca.pem");
  }

  public Path certFile(int member) {
    return dir.resolve(EtcdSettings.memberName(checked(member)) + ".pem");
  }

  public Path keyFile(int member) {
    return dir.resolve(EtcdSettings.memberName(checked(member)) + "-key.pem");
  }

  public Path clientCertFile() {
    return dir.resolve(CLIENT_NAME + ".pem");
  }

  public Path clientKeyFile() {
    return dir.resolve(CLIENT_NAME + "-key.pem");
  }

  public int members() {
    return members;
  }

  /** Every file etcd and the clients read; for checks and the report. */
  public List<Path> files() {
    List<Path> files = new ArrayList<>(List.of(caFile(), clientCertFile(), clientKeyFile()));
    for (int i = 0; i < members; i++) {
      files.add(certFile(i));
      files.add(keyFile(i));
    }
    return files;
  }

  /** The jetcd side of mutual TLS: the client certificate, trusting only this CA. */
  public SslContext clientSslContext() {
    try {
      return GrpcSslContexts.forClient()
          .keyManager(client.privateKey(), client.certificate())
          .trustManager(ca.certificate())
          .build();
    } catch (SSLException e) {
      throw new IllegalStateException("cannot build the etcd client TLS context from " + clientCertFile() + ": " + e, e);
    }
  }

  private int checked(int member) {
    if (member < 0 || member >= members) {
      throw new IndexOutOfBoundsException("member: " + member + " (expected: 0.." + (members - 1) + ")");
    }
    return member;
  }
}
