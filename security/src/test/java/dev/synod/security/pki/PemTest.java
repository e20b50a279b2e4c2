package dev.synod.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.security.identity.Role;
import dev.synod.security.testing.TestPki;
import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.PrivateKey;
import java.security.interfaces.ECPrivateKey;
import java.util.Base64;
import org.bouncycastle.asn1.pkcs.PrivateKeyInfo;
import org.bouncycastle.asn1.sec.SECObjectIdentifiers;
import org.bouncycastle.asn1.x9.X962Parameters;
import org.junit.jupiter.api.Assumptions;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

class PemTest {
  private static final TestPki PKI = TestPki.create("prod");
  private static final CertificateAuthority CA = PKI.ca();
  private static final CertificateMaterial LEAF = PKI.issue(Role.SERVER, "n1");

  @TempDir Path dir;

  @Test
  void certificatesAndKeysRoundTrip() {
    String chain = Pem.encodeCertificates(LEAF.certificate(), CA.certificate());
    assertThat(chain).startsWith("-----BEGIN CERTIFICATE-----\n").contains("-----END CERTIFICATE-----\n-----BEGIN CERTIFICATE-----\n");
    assertThat(chain.lines().filter(l -> !l.startsWith("-----"))).allSatisfy(l -> assertThat(l.length()).isLessThanOrEqualTo(64));
    assertThat(Pem.parseCertificates("tls-cert-file", chain)).containsExactly(LEAF.certificate(), CA.certificate());

    String key = Pem.encodePrivateKey(LEAF.privateKey());
    assertThat(key).startsWith("-----BEGIN PRIVATE KEY-----\n");
    assertThat(Pem.parsePrivateKey("tls-key-file", key)).isEqualTo(LEAF.privateKey());

    PrivateKey rsa = KeyType.RSA_2048.generate().getPrivate();
    assertThat(Pem.parsePrivateKey("tls-key-file", Pem.encodePrivateKey(rsa))).isEqualTo(rsa);
  }

  @Test
  void readsTraditionalOpenSslKeys() throws IOException {
    Path ecKey = copy("openssl/ec-traditional.key");
    Path rsaKey = copy("openssl/rsa-traditional.key");
    assertThat(Files.readString(ecKey)).startsWith("-----BEGIN EC PARAMETERS-----").contains("-----BEGIN EC PRIVATE KEY-----");
    assertThat(Files.readString(rsaKey)).startsWith("-----BEGIN RSA PRIVATE KEY-----");

    assertThat(Pem.readMaterial("tls-cert-file", copy("openssl/ec.crt"), "tls-key-file", ecKey).privateKey().getAlgorithm()).isEqualTo("EC");
    assertThat(Pem.readMaterial("tls-cert-file", copy("openssl/rsa.crt"), "tls-key-file", rsaKey).privateKey().getAlgorithm()).isEqualTo("RSA");
  }

  @Test
  void parsesAnEcPrivateKeyBlockBuiltFromOurOwnKey() throws IOException {
    ECPrivateKey key = (ECPrivateKey) LEAF.privateKey();
    var traditional = new org.bouncycastle.asn1.sec.ECPrivateKey(256, key.getS(), new X962Parameters(SECObjectIdentifiers.secp256r1));
    String pem = "-----BEGIN EC PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(traditional.getEncoded()) + "\n-----END EC PRIVATE KEY-----\n";
    assertThat(((ECPrivateKey) Pem.parsePrivateKey("tls-key-file", pem)).getS()).isEqualTo(key.getS());

    PrivateKey rsa = KeyType.RSA_2048.generate().getPrivate();
    byte[] pkcs1 = PrivateKeyInfo.getInstance(rsa.getEncoded()).parsePrivateKey().toASN1Primitive().getEncoded();
    String rsaPem = "-----BEGIN RSA PRIVATE KEY-----\n" + Base64.getMimeEncoder().encodeToString(pkcs1) + "\n-----END RSA PRIVATE KEY-----\n";
    assertThat(Pem.parsePrivateKey("tls-key-file", rsaPem)).isEqualTo(rsa);
  }

  @Test
  void readMaterialLoadsAMatchingPair() {
    Path cert = write("cert.pem", Pem.encodeCertificates(LEAF.certificate(), CA.certificate()));
    Path key = write("key.pem", Pem.encodePrivateKey(LEAF.privateKey()));
    CertificateMaterial material = Pem.readMaterial("tls-cert-file", cert, "tls-key-file", key);
    assertThat(material.certificate()).isEqualTo(LEAF.certificate());
    assertThat(material.privateKey()).isEqualTo(LEAF.privateKey());
    assertThat(Pem.readCertificates("tls-ca-file", cert)).hasSize(2);
  }

  @Test
  void badFilesNameFieldPathAndProblem() {
    Path missing = dir.resolve("missing.pem");
    assertThatThrownBy(() -> Pem.readCertificates("tls-cert-file", missing))
        .isInstanceOf(PemException.class)
        .hasMessage("tls-cert-file \"" + missing + "\": file does not exist");

    Path empty = write("empty.pem", "");
    assertThatThrownBy(() -> Pem.readCertificates("tls-cert-file", empty))
        .isInstanceOf(PemException.class)
        .hasMessage("tls-cert-file \"" + empty + "\": file is empty (expected: PEM text)");

    Path garbage = write("garbage.pem", "not a certificate\n\u0000\u00ff binary");
    assertThatThrownBy(() -> Pem.readCertificates("tls-ca-file", garbage))
        .isInstanceOf(PemException.class)
        .hasMessage("tls-ca-file \"" + garbage + "\": no CERTIFICATE block found (expected: -----BEGIN CERTIFICATE-----, found: no PEM blocks)");
    assertThatThrownBy(() -> Pem.readPrivateKey("tls-key-file", garbage))
        .isInstanceOf(PemException.class)
        .hasMessageStartingWith("tls-key-file \"" + garbage + "\": not a private key (expected: a PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block");

    Path cert = write("cert.pem", Pem.encodeCertificates(LEAF.certificate()));
    assertThatThrownBy(() -> Pem.readPrivateKey("tls-key-file", cert))
        .hasMessage("tls-key-file \"" + cert + "\": not a private key (expected: a PRIVATE KEY, EC PRIVATE KEY or RSA PRIVATE KEY block, found: CERTIFICATE)");

    Path otherKey = write("other.key", Pem.encodePrivateKey(KeyType.EC_P256.generate().getPrivate()));
    assertThatThrownBy(() -> Pem.readMaterial("tls-cert-file", cert, "tls-key-file", otherKey))
        .isInstanceOf(PemException.class)
        .hasMessageStartingWith("tls-key-file \"" + otherKey + "\": private key does not match the certificate CN=n1,O=prod")
        .hasMessageEndingWith(" in tls-cert-file \"" + cert + "\"");

    assertThatThrownBy(() -> Pem.readCertificates("tls-ca-file", dir)).hasMessage("tls-ca-file \"" + dir + "\": is a directory (expected: a PEM file)");
  }

  @Test
  void malformedBlocksAreReported() {
    assertThatThrownBy(() -> Pem.parseCertificates("ca_pem", "-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"))
        .isInstanceOf(PemException.class)
        .hasMessageStartingWith("ca_pem: CERTIFICATE block 1 is malformed");
    assertThatThrownBy(() -> Pem.parseCertificates("ca_pem", "-----BEGIN CERTIFICATE-----\nAAAA\n"))
        .hasMessageStartingWith("ca_pem: malformed PEM");
    assertThatThrownBy(() -> Pem.parsePrivateKey("key_pem", "-----BEGIN ENCRYPTED PRIVATE KEY-----\nAAAA\n-----END ENCRYPTED PRIVATE KEY-----\n"))
        .hasMessageStartingWith("key_pem: encrypted private keys are not supported");
    assertThatThrownBy(() -> Pem.parsePrivateKey("key_pem", "-----BEGIN PRIVATE KEY-----\nAAAA\n-----END PRIVATE KEY-----\n"))
        .hasMessageStartingWith("key_pem: malformed PRIVATE KEY block");
  }

  @Test
  void writeAtomicallyReplacesContentWithPermissionsByKind() throws IOException {
    Assumptions.assumeTrue(FileSystems.getDefault().supportedFileAttributeViews().contains("posix"), "POSIX file system");
    Path key = dir.resolve("key.pem");
    Pem.writeAtomically(key, "first", true);
    Pem.writeAtomically(key, "second", true);
    assertThat(Files.readString(key)).isEqualTo("second");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(key))).isEqualTo("rw-------");

    Path cert = dir.resolve("cert.pem");
    Pem.writeAtomically(cert, "public", false);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(cert))).isEqualTo("rw-r--r--");
    try (var files = Files.list(dir)) {
      assertThat(files.map(p -> p.getFileName().toString())).containsExactlyInAnyOrder("key.pem", "cert.pem");
    }
  }

  @Test
  void writeAtomicallyNamesTheFileWhenItCannotWrite() {
    Path nowhere = dir.resolve("no-such-dir").resolve("key.pem");
    assertThatThrownBy(() -> Pem.writeAtomically(nowhere, "x", true))
        .isInstanceOf(java.io.UncheckedIOException.class)
        .hasMessageStartingWith("cannot write \"" + nowhere + "\"");
  }

  private Path copy(String resource) throws IOException {
    try (InputStream in = PemTest.class.getClassLoader().getResourceAsStream(resource)) {
      Path file = dir.resolve(Path.of(resource).getFileName());
      Files.copy(in, file);
      return file;
    }
  }

  private Path write(String name, String content) {
    try {
      return Files.writeString(dir.resolve(name), content, StandardCharsets.ISO_8859_1);
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
