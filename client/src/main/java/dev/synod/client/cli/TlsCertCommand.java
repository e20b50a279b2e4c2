package dev.synod.client.cli;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateAuthority;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.LeafSpec;
import dev.synod.security.pki.Pem;
import dev.synod.security.pki.PemException;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;

/** {@code synod tls cert ...}: leaf certificates signed by the cluster CA's files. */
@Command(name = "cert", description = "Certificate commands.", subcommands = TlsCertCommand.Create.class)
final class TlsCertCommand extends GroupCommand {

  @Command(name = "create", description = "Issue a certificate for spiffe://<cluster>/<role>/<name>:"
      + " <cluster>-<role>-<name>.pem and -key.pem (mode 0600) in --out-dir. Refuses to overwrite without --force.")
  static final class Create extends OfflineCommand {
    @Option(names = "--role", required = true, paramLabel = "ROLE",
        description = "server, file-server, worker, edge, client, admin or operator.")
    String role;

    @Option(names = "--name", required = true, paramLabel = "NAME",
        description = "Name part of the SPIFFE id, e.g. the node id: [a-z0-9][a-z0-9-_.]{0,62}.")
    String name;

    @Option(names = "--cluster-id", paramLabel = "ID", defaultValue = ClusterIds.DEFAULT,
        description = ClusterIds.DESCRIPTION)
    String clusterId;

    @Option(names = "--ca-file", paramLabel = "FILE",
        description = "CA certificate (default: <out-dir>/<cluster>-ca.pem).")
    Path caFile;

    @Option(names = "--ca-key-file", paramLabel = "FILE",
        description = "CA private key (default: <out-dir>/<cluster>-ca-key.pem).")
    Path caKeyFile;

    @Option(names = "--dns", paramLabel = "NAME", description = "DNS subject alternative name; repeatable.")
    List<String> dns = new ArrayList<>();

    @Option(names = "--ip", paramLabel = "ADDRESS", description = "IP subject alternative name; repeatable.")
    List<String> ips = new ArrayList<>();

    @Option(names = "--validity", paramLabel = "DURATION", defaultValue = "365d", converter = DurationConverter.class,
        description = "How long the certificate is valid, capped at the CA's expiry (default: ${DEFAULT-VALUE}).")
    Duration validity;

    @Mixin
    KeyOutputOptions output;

    @Override
    int run(Output out) {
      String cluster = ClusterIds.validate(spec, clusterId);
      KeyType type = TlsCommand.keyType(spec, output.keyType);
      LeafSpec leaf = leafSpec(cluster);
      SpiffeId id = leaf.id();
      String base = cluster + "-" + id.role().wireName() + "-" + id.name();
      Path certFile = output.outDir.resolve(base + ".pem");
      Path keyFile = output.outDir.resolve(base + "-key.pem");
      Path caCert = caFile != null ? caFile : output.outDir.resolve(cluster + "-ca.pem");
      Path caKey = caKeyFile != null ? caKeyFile : output.outDir.resolve(cluster + "-ca-key.pem");
      CertificateAuthority ca = readCa(caCert, caKey);
      NewFiles.prepare(output.outDir, output.force, certFile, keyFile);
      CertificateMaterial issued;
      try {
        issued = ca.issue(leaf, type, Clock.systemUTC());
      } catch (IllegalStateException e) {
        // An expired CA: the fix is a new CA file, so report it as a problem with that file.
        throw new CliFailure(ExitCodes.LOCAL_FILE, "--ca-file \"" + caCert + "\": " + e.getMessage());
      }
      NewFiles.write(keyFile, Pem.encodePrivateKey(issued.privateKey()), certFile, Pem.encodeCertificates(issued.certificate()));
      String notAfter = issued.certificate().getNotAfter().toInstant().toString();
      if (out.json()) {
        Map<String, Object> result = new LinkedHashMap<>();
        result.put("spiffeId", id.toString());
        result.put("certFile", certFile.toString());
        result.put("keyFile", keyFile.toString());
        result.put("keyType", type.wireName());
        result.put("serial", issued.certificate().getSerialNumber().toString(16));
        result.put("notAfter", notAfter);
        out.json(result);
      } else {
        out.line("certificate: " + certFile + " (" + id + ", valid until " + notAfter + ")");
        out.line("key:         " + keyFile);
      }
      return ExitCodes.OK;
    }

    /** Checks every flag with the security module's rules; errors name the flag, value and rule. */
    private LeafSpec leafSpec(String cluster) {
      try {
        Role r = Role.parse("--role", role);
        SpiffeId.requireValidSegment("--name", name);
        return new LeafSpec(new SpiffeId(cluster, r, name), dns, ips, validity);
      } catch (IllegalArgumentException e) {
        // LeafSpec names its fields "dns", "ip" and "validity": the flags without their dashes.
        String message = e.getMessage();
        throw new ParameterException(spec.commandLine(), message.startsWith("--") ? message : "--" + message);
      }
    }

    private static CertificateAuthority readCa(Path certPath, Path keyPath) {
      try {
        return CertificateAuthority.of(Pem.readMaterial("--ca-file", certPath, "--ca-key-file", keyPath));
      } catch (PemException e) {
        throw new CliFailure(ExitCodes.LOCAL_FILE, e.getMessage());
      } catch (IllegalArgumentException e) {
        throw new CliFailure(ExitCodes.LOCAL_FILE, "--ca-file \"" + certPath + "\": " + e.getMessage());
      }
    }
  }
}
