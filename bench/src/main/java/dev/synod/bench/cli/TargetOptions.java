package dev.synod.bench.cli;

import dev.synod.bench.etcd.EtcdKvTarget;
import dev.synod.bench.load.KvTarget;
import dev.synod.bench.load.SynodKvTarget;
import dev.synod.client.SynodClient;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Pem;
import dev.synod.security.tls.PeerPolicy;
import dev.synod.security.tls.TlsCredentials;
import io.grpc.netty.GrpcSslContexts;
import io.netty.handler.ssl.SslContext;
import io.netty.handler.ssl.SslContextBuilder;
import java.net.URI;
import java.net.URISyntaxException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import javax.net.ssl.SSLException;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** Which running cluster `synod-bench load` drives, and how it authenticates. */
final class TargetOptions {
  @Option(names = "--system", defaultValue = "synod", description = "synod or etcd (default: ${DEFAULT-VALUE}).")
  String system;

  @Option(names = "--endpoints", split = ",", required = true, paramLabel = "ADDRESS",
      description = "Synod: host:port of each node's API. etcd: client URLs such as https://127.0.0.1:2379.")
  List<String> endpoints;

  @Option(names = "--cluster-id", defaultValue = "synod", description = "Synod cluster id the servers'"
      + " certificates must name (default: ${DEFAULT-VALUE}).")
  String clusterId;

  @Option(names = "--ca-file", paramLabel = "FILE", description = "PEM CA that signed the servers.")
  Path caFile;

  @Option(names = "--cert-file", paramLabel = "FILE", description = "PEM client certificate.")
  Path certFile;

  @Option(names = "--key-file", paramLabel = "FILE", description = "PEM key of --cert-file.")
  Path keyFile;

  @Option(names = "--insecure-dev", description = "Plaintext (Synod --insecure-dev clusters, plaintext etcd).")
  boolean plaintext;

  KvTarget open(int connections, CommandSpec spec) {
    if ((certFile == null) != (keyFile == null)) {
      throw usage(spec, "--cert-file and --key-file: only one given (expected: both or neither)");
    }
    if (plaintext == (caFile != null)) {
      throw usage(spec, "--ca-file and --insecure-dev: " + (plaintext ? "both" : "neither") + " given"
          + " (expected: exactly one)");
    }
    return switch (system) {
      case "synod" -> synod(connections);
      case "etcd" -> etcd(connections, spec);
      default -> throw usage(spec, "--system: '" + system + "' (expected: synod or etcd)");
    };
  }

  private KvTarget synod(int connections) {
    SynodClient.Builder builder = SynodClient.builder().endpoints(endpoints);
    if (plaintext) {
      builder.insecurePlaintext();
    } else {
      CertificateMaterial identity = certFile == null ? null
          : Pem.readMaterial("--cert-file", certFile, "--key-file", keyFile);
      builder.tls(TlsCredentials.fromMaterial(identity, Pem.readCertificates("--ca-file", caFile),
          PeerPolicy.servers(clusterId)));
    }
    return SynodKvTarget.open(builder, connections);
  }

  private KvTarget etcd(int connections, CommandSpec spec) {
    List<URI> urls = new ArrayList<>();
    for (String e : endpoints) {
      URI uri = parseUri(e.trim());
      if (uri == null || (!"http".equals(uri.getScheme()) && !"https".equals(uri.getScheme()))) {
        throw usage(spec, "--endpoints: '" + e + "' (expected: an etcd client URL such as https://127.0.0.1:2379)");
      }
      urls.add(uri);
    }
    return EtcdKvTarget.open(urls, plaintext ? null : etcdSsl(), connections);
  }

  /** Null for text that is no URI at all; the caller reports it with the expected form. */
  private static URI parseUri(String text) {
    try {
      return new URI(text);
    } catch (URISyntaxException e) {
      return null;
    }
  }

  private SslContext etcdSsl() {
    try {
      SslContextBuilder b = GrpcSslContexts.forClient().trustManager(caFile.toFile());
      if (certFile != null) {
        b.keyManager(certFile.toFile(), keyFile.toFile());
      }
      return b.build();
    } catch (SSLException | IllegalArgumentException e) {
      throw new IllegalArgumentException("--ca-file/--cert-file/--key-file: cannot build TLS for etcd from "
          + caFile + ", " + certFile + ", " + keyFile + " (" + e.getMessage() + ")", e);
    }
  }

  private static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
