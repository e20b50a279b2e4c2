package dev.synod.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.testing.TestPki;
import java.security.KeyPair;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import org.bouncycastle.asn1.pkcs.PKCSObjectIdentifiers;
import org.bouncycastle.asn1.x509.Extension;
import org.bouncycastle.asn1.x509.Extensions;
import org.bouncycastle.asn1.x509.GeneralNames;
import org.bouncycastle.pkcs.PKCS10CertificationRequest;
import org.junit.jupiter.api.Test;

class CsrTest {
  private static final CertificateAuthority CA = TestPki.create("prod").ca();
  private static final SpiffeId W1 = new SpiffeId("prod", Role.WORKER, "w1");

  @Test
  void createParseSignCertifiesTheRequestersKey() throws Exception {
    KeyPair keys = KeyType.EC_P256.generate();
    String pem = Csr.create(keys, KeyType.EC_P256, W1);
    assertThat(pem).startsWith("-----BEGIN CERTIFICATE REQUEST-----\n").endsWith("-----END CERTIFICATE REQUEST-----\n");

    PKCS10CertificationRequest csr = Csr.parse(pem);
    assertThat(csr.getSubject()).hasToString("O=prod,CN=w1");
    Extensions requested = Extensions.getInstance(csr.getAttributes(PKCSObjectIdentifiers.pkcs_9_at_extensionRequest)[0].getAttrValues().getObjectAt(0));
    assertThat(GeneralNames.fromExtensions(requested, Extension.subjectAlternativeName).getNames()[0].getName()).hasToString(W1.toString());

    X509Certificate leaf = CA.sign(csr, LeafSpec.of(W1, Duration.ofHours(1)), TestPki.CLOCK);
    assertThat(leaf.getPublicKey()).isEqualTo(keys.getPublic());
    assertThat(SpiffeId.fromCertificate(leaf)).contains(W1);
    assertThat(new CertificateMaterial(leaf, keys.getPrivate()).certificate()).isSameAs(leaf);
    CertificateAuthorityTest.assertChainsTo(leaf, CA.certificate());
  }

  @Test
  void rsaRequestsWork() {
    KeyPair keys = KeyType.RSA_2048.generate();
    X509Certificate leaf = CA.sign(Csr.parse(Csr.create(keys, KeyType.RSA_2048, W1)), LeafSpec.of(W1, Duration.ofHours(1)), TestPki.CLOCK);
    assertThat(leaf.getPublicKey()).isEqualTo(keys.getPublic());
  }

  @Test
  void theIdentityComesFromTheSpecNotFromTheRequest() throws Exception {
    PKCS10CertificationRequest csr = Csr.parse(Csr.create(KeyType.EC_P256.generate(), KeyType.EC_P256, new SpiffeId("prod", Role.ADMIN, "me")));
    X509Certificate leaf = CA.sign(csr, LeafSpec.of(W1, Duration.ofHours(1)), TestPki.CLOCK);
    assertThat(SpiffeId.fromCertificate(leaf)).contains(W1);
  }

  @Test
  void tamperedSignatureIsRejected() throws Exception {
    String pem = Csr.create(KeyType.EC_P256.generate(), KeyType.EC_P256, W1);
    byte[] der = new PKCS10CertificationRequest(Csr.parse(pem).getEncoded()).getEncoded();
    der[der.length - 1] ^= 0x01; // last byte of the signature value
    String tampered = "-----BEGIN CERTIFICATE REQUEST-----\n" + Base64.getMimeEncoder().encodeToString(der) + "\n-----END CERTIFICATE REQUEST-----\n";

    assertThatThrownBy(() -> Csr.parse(tampered))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("csr_pem: signature does not verify");
    assertThatThrownBy(() -> CA.sign(new PKCS10CertificationRequest(der), LeafSpec.of(W1, Duration.ofHours(1)), TestPki.CLOCK))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("csr_pem: signature does not verify");
  }

  @Test
  void parseNamesTheFieldForBadPem() {
    String certPem = Pem.encodeCertificates(CA.certificate());
    assertThatThrownBy(() -> Csr.parse(certPem))
        .isInstanceOf(PemException.class)
        .hasMessage("csr_pem: no CERTIFICATE REQUEST block found (expected: -----BEGIN CERTIFICATE REQUEST-----, found: CERTIFICATE)");
    assertThatThrownBy(() -> Csr.parse("hello")).hasMessageStartingWith("csr_pem: no CERTIFICATE REQUEST block found").hasMessageContaining("found: no PEM blocks");
    assertThatThrownBy(() -> Csr.parse("")).hasMessage("csr_pem: empty (expected: PEM text)");
    assertThatThrownBy(() -> Csr.parse("-----BEGIN CERTIFICATE REQUEST-----\nAAAA\n-----END CERTIFICATE REQUEST-----\n"))
        .hasMessageStartingWith("csr_pem: malformed CERTIFICATE REQUEST");
  }

  @Test
  void createRefusesAKeyTypeOfAnotherAlgorithm() {
    assertThatThrownBy(() -> Csr.create(KeyType.EC_P256.generate(), KeyType.RSA_2048, W1))
        .hasMessage("keyType: rsa-2048 (expected: a key type matching the EC key pair)");
  }

  @Test
  void signedLeafIsForTheCsrKeyEvenWithExtraNames() {
    KeyPair keys = KeyType.EC_P256.generate();
    LeafSpec spec = new LeafSpec(W1, List.of("w1.example"), List.of("192.168.1.5"), Duration.ofHours(1));
    X509Certificate leaf = CA.sign(Csr.parse(Csr.create(keys, KeyType.EC_P256, W1)), spec, TestPki.CLOCK);
    assertThat(leaf.getPublicKey()).isEqualTo(keys.getPublic());
  }
}
