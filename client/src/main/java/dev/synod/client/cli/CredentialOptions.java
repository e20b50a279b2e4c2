package dev.synod.client.cli;

import dev.synod.client.SynodClient;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Pem;
import dev.synod.security.pki.PemException;
import dev.synod.security.tls.PeerPolicy;
import dev.synod.security.tls.TlsCredentials;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.util.List;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/**
 * How a client command proves who it talks to and who it is: TLS against the cluster's CA, an
 * optional client certificate, an optional bearer token, or an explicit plaintext opt-out.
 */
final class CredentialOptions {
  @Option(names = "--ca-file", paramLabel = "FILE", defaultValue = "${env:SYNOD_CA_FILE}",
      description = "PEM file of the cluster's CA; servers must present a server certificate it signed"
          + " (default: $SYNOD_CA_FILE).")
  Path caFile;

  @Option(names = "--cert-file", paramLabel = "FILE", defaultValue = "${env:SYNOD_CERT_FILE}",
      description = "PEM client certificate to present; needs --key-file (default: $SYNOD_CERT_FILE).")
  Path certFile;

  @Option(names = "--key-file", paramLabel = "FILE", defaultValue = "${env:SYNOD_KEY_FILE}",
      description = "PEM private key of --cert-file (default: $SYNOD_KEY_FILE).")
  Path keyFile;

  @Option(names = "--token", paramLabel = "SECRET", defaultValue = "${env:SYNOD_TOKEN}",
      description = "ACL token sent as a bearer token, over TLS only (default: $SYNOD_TOKEN; prefer it:"
          + " command lines are visible to other users).")
  String token;

  @Option(names = "--insecure-dev",
      description = "Talk plaintext to a development cluster: nothing is encrypted or verified.")
  boolean insecureDev;

  /**
   * Chooses the builder's transport and credentials. Returns TLS credentials that the caller closes
   * after the client, or null for --insecure-dev. Bad combinations are usage errors; unreadable
   * PEM files a local file error naming the flag and path.
   */
  TlsCredentials apply(SynodClient.Builder builder, String clusterId, CommandSpec spec) {
    if ((certFile == null) != (keyFile == null)) {
      throw usage(spec, "--cert-file and --key-file: only " + (certFile == null ? "--key-file" : "--cert-file")
          + " given (expected: both or neither)");
    }
    if (insecureDev) {
      rejectWithPlaintext(spec);
      builder.insecurePlaintext();
      return null;
    }
    if (caFile == null) {
      throw usage(spec, "no transport security chosen (expected: --ca-file FILE or $SYNOD_CA_FILE to verify the"
          + " cluster over TLS, or --insecure-dev for a plaintext development cluster)");
    }
    TlsCredentials tls = read(clusterId);
    builder.tls(tls);
    if (token != null) {
      try {
        builder.token(token);
      } catch (IllegalArgumentException e) {
        tls.close();
        throw usage(spec, "--" + e.getMessage());
      }
    }
    return tls;
  }

  private void rejectWithPlaintext(CommandSpec spec) {
    if (caFile != null) {
      throw usage(spec, "--ca-file and --insecure-dev: both given (expected: one of them)");
    }
    if (certFile != null) {
      throw usage(spec, "--cert-file: a client certificate needs TLS (expected: --ca-file instead of --insecure-dev)");
    }
    if (token != null) {
      throw usage(spec, "--token: a bearer token is only sent over TLS (expected: --ca-file instead of"
          + " --insecure-dev, or unset $SYNOD_TOKEN)");
    }
  }

  private TlsCredentials read(String clusterId) {
    try {
      List<X509Certificate> cas = Pem.readCertificates("--ca-file", caFile);
      CertificateMaterial identity = certFile == null ? null
          : Pem.readMaterial("--cert-file", certFile, "--key-file", keyFile);
      return TlsCredentials.fromMaterial(identity, cas, PeerPolicy.servers(clusterId));
    } catch (PemException e) {
      throw new CliFailure(ExitCodes.LOCAL_FILE, e.getMessage());
    }
  }

  private static ParameterException usage(CommandSpec spec, String message) {
    return new ParameterException(spec.commandLine(), message);
  }
}
