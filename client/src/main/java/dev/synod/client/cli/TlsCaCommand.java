package dev.synod.client.cli;

import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.Pem;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

/** {@code synod tls ca ...}: the cluster's root CA. */
@Command(name = "ca", description = "Cluster CA commands.", subcommands = TlsCaCommand.Create.class)
final class TlsCaCommand extends GroupCommand {

  @Command(name = "create", description = "Create a self-signed cluster CA: <cluster>-ca.pem and"
      + " <cluster>-ca-key.pem (mode 0600) in --out-dir. Refuses to overwrite without --force.")
  static final class Create extends OfflineCommand {
    @Option(names = "--cluster-id", paramLabel = "ID", defaultValue = ClusterIds.DEFAULT,
        description = ClusterIds.DESCRIPTION)
    String clusterId;

    @Option(names = "--validity", paramLabel = "DURATION", defaultValue = "1825d", converter = DurationConverter.class,
        description = "How long the CA is valid, e.g. 365d (default: ${DEFAULT-VALUE}).")
    Duration validity;

    @Mixin
    KeyOutputOptions output;

    @Override
    int run(Output out) {
      String cluster = ClusterIds.validate(spec, clusterId);
      KeyType type = TlsCommand.keyType(spec, output.keyType);
      Path certFile = output.outDir.resolve(cluster + "-ca.pem");
      Path keyFile = output.outDir.resolve(cluster + "-ca-key.pem");
      NewFiles.prepare(output.outDir, output.force, certFile, keyFile);
      CertificateAuthority ca = CertificateAuthority.create(cluster, validity, type, Clock.systemUTC());
      NewFiles.write(keyFile, Pem.encodePrivateKey(ca.material().privateKey()),
          certFile, Pem.encodeCertificates(ca.certificate()));
      X509Certificate cert = ca.certificate();
      if (out.json()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("clusterId", cluster);
        result.put("certFile", certFile.toString());
        result.put("keyFile", keyFile.toString());
        result.put("keyType", type.wireName());
        result.put("subject", cert.getSubjectX500Principal().getName());
        result.put("notAfter", cert.getNotAfter().toInstant().toString());
        out.json(result);
      } else {
        out.line("CA certificate: " + certFile);
        out.line("CA key:         " + keyFile + " (keep it secret: it can sign any identity of cluster "
            + cluster + ")");
        out.line(cert.getSubjectX500Principal().getName() + ", " + type.wireName() + ", valid until "
            + cert.getNotAfter().toInstant());
      }
      return ExitCodes.OK;
    }
  }
}
