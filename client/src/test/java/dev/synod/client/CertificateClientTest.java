package dev.synod.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.proto.v1.SignCertificateRequest;
import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.Csr;
import dev.synod.security.pki.KeyType;
import dev.synod.security.pki.Pem;
import dev.synod.security.testing.TestPki;
import io.grpc.Status;
import java.security.KeyPair;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/** Pins Sign and Roots: request mapping, parsed results, retry only on UNAVAILABLE, bad server PEM. */
class CertificateClientTest {
  private static final AtomicInteger SEQ = new AtomicInteger();

  private final FakeCertificates certs = new FakeCertificates(TestPki.create("test"));
  private FakeNode node;
  private SynodClient client;

  @BeforeEach
  void start() throws Exception {
    node = FakeNode.inProcess("certs-" + SEQ.incrementAndGet() + ":7400", certs);
    client = SynodClient.builder().endpoints(node.address).channelFactory(FakeNode::inProcessChannels)
        .initialBackoff(Duration.ofMillis(1)).maxBackoff(Duration.ofMillis(5)).build();
  }

  @AfterEach
  void stop() {
    client.close();
    node.close();
  }

  private static String csr() {
    KeyPair keys = KeyType.EC_P256.generate();
    return Csr.create(keys, KeyType.EC_P256, new SpiffeId("test", Role.WORKER, "w-1"));
  }

  @Test
  void signSendsTheRequestAndParsesTheCertificateAndCa() throws Exception {
    SignedCertificate signed = client.certificates().sign(csr(), "w-1", Duration.ofMinutes(10),
        List.of("w1.example"), List.of("10.0.0.7"));

    SignCertificateRequest sent = (SignCertificateRequest) node.received("Sign").get(0).request();
    assertThat(sent.getName()).isEqualTo("w-1");
    assertThat(sent.getTtlSeconds()).isEqualTo(600);
    assertThat(sent.getDnsNamesList()).containsExactly("w1.example");
    assertThat(sent.getIpAddressesList()).containsExactly("10.0.0.7");
    assertThat(SpiffeId.fromCertificate(signed.certificate())).contains(new SpiffeId("test", Role.WORKER, "w-1"));
    assertThat(signed.caCertificates()).containsExactly(certs.pki.caCertificate());
    assertThat(Duration.between(signed.notBefore(), signed.notAfter())).isGreaterThan(Duration.ofMinutes(10));
  }

  @Test
  void signRetriesUnavailableButNotADeadline() {
    node.failNext("Sign", 2, Status.UNAVAILABLE);
    client.certificates().sign(csr(), "w-1", Duration.ZERO, List.of(), List.of());
    assertThat(node.received("Sign")).hasSize(3);

    node.failNext("Sign", 1, Status.DEADLINE_EXCEEDED);
    assertThatThrownBy(() -> client.certificates().sign(csr(), "w-1", Duration.ZERO, null, null))
        .isInstanceOf(SynodException.class).hasMessageStartingWith("DEADLINE_EXCEEDED");
    assertThat(node.received("Sign")).hasSize(4);
  }

  @Test
  void unusableCertificateFromTheServerIsAnInternalError() {
    certs.certificatePemOverride = "not pem";
    assertThatThrownBy(() -> client.certificates().sign(csr(), "w-1", Duration.ZERO, List.of(), List.of()))
        .isInstanceOf(SynodException.class)
        .hasMessageStartingWith("INTERNAL: the server answered with an unusable certificate: certificate_pem");
  }

  @Test
  void rootsReturnsTheCaPem() {
    String pem = client.certificates().roots();
    assertThat(Pem.parseCertificates("roots", pem)).containsExactly(certs.pki.caCertificate());
  }
}
