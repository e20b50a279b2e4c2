package dev.synod.client.cli;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Pem;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/** Pins {@code synod tls ca create} and {@code synod tls cert create}: files, modes, refusals, errors. */
class SynodCliTlsTest {
  @TempDir
  Path dir;

  private CliRun ca(String... extra) {
    return CliRun.of(concat(List.of("tls", "ca", "create", "--out-dir", dir.toString()), extra));
  }

  private CliRun cert(String... extra) {
    return CliRun.of(concat(List.of("tls", "cert", "create", "--out-dir", dir.toString()), extra));
  }

  private static String[] concat(List<String> head, String... tail) {
    List<String> all = new java.util.ArrayList<>(head);
    all.addAll(List.of(tail));
    return all.toArray(String[]::new);
  }

  private static void assertUsage(CliRun r, String message) {
    assertThat(r.exit()).as(r.toString()).isEqualTo(ExitCodes.USAGE);
    assertThat(r.err()).as(r.toString()).startsWith("error: " + message);
    assertThat(r.err()).doesNotContain("\tat ");
  }

  @Test
  void caCreateWritesACertificateAndAnOwnerOnlyKey() throws Exception {
    CliRun r = ca("--cluster-id", "prod-1", "--validity", "30d", "--key-type", "ec-p384");

    assertThat(r.exit()).as(r.toString()).isZero();
    Path cert = dir.resolve("prod-1-ca.pem");
    Path key = dir.resolve("prod-1-ca-key.pem");
    assertThat(r.out()).contains("CA certificate: " + cert, "CA key:         " + key);
    assertThat(Files.getPosixFilePermissions(key)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    CertificateMaterial m = Pem.readMaterial("cert", cert, "key", key);
    assertThat(m.certificate().getBasicConstraints()).isGreaterThanOrEqualTo(0);
    assertThat(m.certificate().getSubjectX500Principal().getName()).contains("prod-1");
    Instant notAfter = m.certificate().getNotAfter().toInstant();
    assertThat(notAfter).isBetween(Instant.now().plus(Duration.ofDays(29)), Instant.now().plus(Duration.ofDays(31)));
  }

  @Test
  void caCreateRefusesToOverwriteUnlessForced() throws Exception {
    assertThat(ca().exit()).isZero();
    String before = Files.readString(dir.resolve("synod-ca.pem"));

    CliRun again = ca();
    assertThat(again.exit()).isEqualTo(ExitCodes.LOCAL_FILE);
    assertThat(again.err()).isEqualTo("error: \"" + dir.resolve("synod-ca.pem")
        + "\" already exists (expected: a new file; pass --force to overwrite)\n");
    assertThat(Files.readString(dir.resolve("synod-ca.pem"))).isEqualTo(before);

    assertThat(ca("--force").exit()).isZero();
    assertThat(Files.readString(dir.resolve("synod-ca.pem"))).isNotEqualTo(before);
  }

  @Test
  void caCreateJsonNamesTheFiles() {
    CliRun r = ca("--json");
    assertThat(r.outLines()).hasSize(1);
    assertThat(r.out()).contains("\"clusterId\":\"synod\"", "\"keyType\":\"ec-p256\"",
        "\"keyFile\":\"" + dir.resolve("synod-ca-key.pem") + "\"");
  }

  @Test
  void certCreateIssuesASpiffeCertificateWithTheRequestedSans() throws Exception {
    assertThat(ca().exit()).isZero();
    CliRun r = cert("--role", "file-server", "--name", "fs-1", "--dns", "fs1.example", "--ip", "10.0.0.5",
        "--validity", "2h", "--json");

    assertThat(r.exit()).as(r.toString()).isZero();
    Path certFile = dir.resolve("synod-file-server-fs-1.pem");
    Path keyFile = dir.resolve("synod-file-server-fs-1-key.pem");
    assertThat(r.out()).contains("\"spiffeId\":\"spiffe://synod/file-server/fs-1\"", "\"certFile\":\"" + certFile);
    assertThat(Files.getPosixFilePermissions(keyFile)).isEqualTo(PosixFilePermissions.fromString("rw-------"));
    X509Certificate leaf = Pem.readMaterial("cert", certFile, "key", keyFile).certificate();
    assertThat(SpiffeId.fromCertificate(leaf)).contains(new SpiffeId("synod", Role.FILE_SERVER, "fs-1"));
    assertThat(leaf.getSubjectAlternativeNames()).extracting(san -> san.get(1).toString())
        .contains("fs1.example", "10.0.0.5");
    leaf.verify(Pem.readCertificates("ca", dir.resolve("synod-ca.pem")).get(0).getPublicKey());
    assertThat(cert("--role", "file-server", "--name", "fs-1").exit()).isEqualTo(ExitCodes.LOCAL_FILE);
  }

  @Test
  void certCreateReadsTheCaFromExplicitPaths() throws Exception {
    Path elsewhere = dir.resolve("pki");
    assertThat(CliRun.of("tls", "ca", "create", "--out-dir", elsewhere.toString(), "--cluster-id", "c2").exit()).isZero();

    CliRun r = cert("--cluster-id", "c2", "--role", "server", "--name", "node-1",
        "--ca-file", elsewhere.resolve("c2-ca.pem").toString(), "--ca-key-file", elsewhere.resolve("c2-ca-key.pem").toString());

    assertThat(r.exit()).as(r.toString()).isZero();
    assertThat(r.out()).startsWith("certificate: " + dir.resolve("c2-server-node-1.pem") + " (spiffe://c2/server/node-1");
  }

  @Test
  void badInputsNameTheFlagTheValueAndTheRule() throws Exception {
    assertThat(ca().exit()).isZero();
    assertUsage(cert("--role", "king", "--name", "n"), "--role: \"king\" (expected: one of server, admin, operator,");
    assertUsage(cert("--role", "worker", "--name", "Bad_Name"), "--name: \"Bad_Name\" (expected: [a-z0-9]");
    assertUsage(cert("--role", "worker", "--name", "w", "--ip", "10.0.0.300"),
        "--ip: \"10.0.0.300\" (expected: an IPv4 or IPv6 address literal)");
    assertUsage(cert("--role", "worker", "--name", "w", "--dns", "-bad-.example"), "--dns: \"-bad-.example\" (expected:");
    assertUsage(cert("--role", "worker", "--name", "w", "--validity", "forever"),
        "Invalid value for option '--validity': 'forever' (expected: a positive duration");
    assertUsage(cert("--role", "worker", "--name", "w", "--key-type", "dsa"),
        "--key-type: \"dsa\" (expected: one of ec-p256, ec-p384, rsa-2048, rsa-4096)");
    assertUsage(ca("--cluster-id", "Prod!"), "--cluster-id: \"Prod!\" (expected: [a-z0-9]");
    assertUsage(cert("--name", "w"), "Missing required option: '--role=ROLE'");
    assertThat(Files.list(dir)).hasSize(2);
  }

  @Test
  void missingOrGarbageCaFilesAreLocalFileErrorsNamingFlagAndPath() throws Exception {
    CliRun missing = cert("--role", "worker", "--name", "w");
    assertThat(missing.exit()).isEqualTo(ExitCodes.LOCAL_FILE);
    assertThat(missing.err()).isEqualTo("error: --ca-file \"" + dir.resolve("synod-ca.pem") + "\": file does not exist\n");

    Path garbage = Files.writeString(dir.resolve("garbage.pem"), "hello");
    CliRun bad = cert("--role", "worker", "--name", "w", "--ca-file", garbage.toString());
    assertThat(bad.exit()).isEqualTo(ExitCodes.LOCAL_FILE);
    assertThat(bad.err()).startsWith("error: --ca-file \"" + garbage + "\": ");

    assertThat(ca().exit()).isZero();
    assertThat(cert("--role", "worker", "--name", "leaf").exit()).isZero();
    Path leaf = dir.resolve("synod-worker-leaf.pem");
    CliRun notCa = cert("--role", "worker", "--name", "w", "--ca-file", leaf.toString(),
        "--ca-key-file", dir.resolve("synod-worker-leaf-key.pem").toString());
    assertThat(notCa.exit()).isEqualTo(ExitCodes.LOCAL_FILE);
    assertThat(notCa.err()).startsWith("error: --ca-file \"" + leaf + "\": certificate CN=leaf")
        .contains("not a CA (expected: basicConstraints CA:true)");
  }
}
