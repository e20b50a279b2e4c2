package dev.synod.client.tls;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synod.client.FakeCertificates;
import dev.synod.client.FakeNode;
import dev.synod.client.SynodClient;
import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.CertificateMaterial;
import dev.synod.security.pki.Pem;
import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.TlsCredentials;
import io.grpc.Metadata;
import io.grpc.Status;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.cert.X509Certificate;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.ScheduledThreadPoolExecutor;
import java.util.concurrent.atomic.AtomicInteger;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * Runs the renewer on a real schedule against an in-process CA that issues 3-second certificates:
 * renewal at about 2 s, before expiry; files and credentials follow; failures back off.
 */
class CertificateRenewerTest {
  private static final AtomicInteger SEQ = new AtomicInteger();
  private static final String JOIN_TOKEN = "synod_" + "j".repeat(43);
  private static final SpiffeId ID = new SpiffeId("test", Role.WORKER, "w-1");

  @TempDir
  Path dir;

  private final FakeCertificates certs = new FakeCertificates(TestPki.create("test"));
  private final ScheduledThreadPoolExecutor scheduler = new ScheduledThreadPoolExecutor(1);
  private FakeNode node;
  private SynodClient client;
  private CertificateRenewer renewer;

  @BeforeEach
  void start() throws Exception {
    certs.maxTtl = Duration.ofSeconds(3);
    node = FakeNode.inProcess("renew-" + SEQ.incrementAndGet() + ":7400", certs);
    // No SDK retries: the renewer's own backoff is under test.
    client = SynodClient.builder().endpoints(node.address).channelFactory(FakeNode::inProcessChannels)
        .token(JOIN_TOKEN).maxRetries(0).build();
  }

  @AfterEach
  void stop() {
    if (renewer != null) {
      renewer.close();
    }
    scheduler.shutdownNow();
    client.close();
    node.close();
  }

  private CertificateRenewer.Builder renewer() {
    return CertificateRenewer.builder(client).identity(ID).ttl(Duration.ofSeconds(3)).scheduler(scheduler)
        .files(dir.resolve("w.pem"), dir.resolve("w-key.pem"), dir.resolve("ca.pem"));
  }

  private List<Instant> signCalls() {
    return node.received("Sign").stream().map(FakeNode.Received::at).toList();
  }

  @Test
  void renewsAboutTwoThirdsIntoTheLifetimeBeforeExpiryAndRewritesTheFiles() throws Exception {
    renewer = renewer().start();
    await().atMost(Duration.ofSeconds(5)).until(() -> renewer.renewals() == 1);
    X509Certificate first = renewer.current().orElseThrow();
    String firstPem = Files.readString(dir.resolve("w.pem"));
    assertThat(Pem.readMaterial("cert", dir.resolve("w.pem"), "key", dir.resolve("w-key.pem")).certificate())
        .isEqualTo(first);
    assertThat(Files.getPosixFilePermissions(dir.resolve("w-key.pem")))
        .isEqualTo(PosixFilePermissions.fromString("rw-------"));
    assertThat(Pem.readCertificates("ca", dir.resolve("ca.pem"))).containsExactly(certs.pki.caCertificate());

    await().atMost(Duration.ofSeconds(5)).until(() -> renewer.renewals() == 2);
    List<Instant> calls = signCalls();
    Duration gap = Duration.between(calls.get(0), calls.get(1));
    // X.509 times have whole seconds, so the real lifetime is the time from the first sign call to notAfter.
    Duration lifetime = Duration.between(calls.get(0), first.getNotAfter().toInstant());
    Duration twoThirds = lifetime.multipliedBy(2).dividedBy(3);
    assertThat(gap).as("2/3 of a %s lifetime", lifetime)
        .isBetween(twoThirds.minusMillis(300), twoThirds.plusMillis(700));
    assertThat(calls.get(1)).isBefore(first.getNotAfter().toInstant());

    CertificateMaterial second = Pem.readMaterial("cert", dir.resolve("w.pem"), "key", dir.resolve("w-key.pem"));
    assertThat(Files.readString(dir.resolve("w.pem"))).isNotEqualTo(firstPem);
    assertThat(second.certificate()).isEqualTo(renewer.current().orElseThrow()).isNotEqualTo(first);
    assertThat(SpiffeId.fromCertificate(second.certificate())).contains(ID);
    assertThat(node.received("Sign").get(0).headers().get(Metadata.Key.of("authorization",
        Metadata.ASCII_STRING_MARSHALLER))).isEqualTo("Bearer " + JOIN_TOKEN);
  }

  @Test
  void updatesTheGivenCredentials() {
    try (TlsCredentials tls = certs.pki.clientCredentials(null)) {
      renewer = renewer().updating(tls).start();
      await().atMost(Duration.ofSeconds(5)).until(() -> renewer.renewals() == 1);
      assertThat(tls.certificate()).isEqualTo(renewer.current());
      assertThat(tls.keyManager()).isPresent();
    }
  }

  @Test
  void failuresAreRetriedWithDoublingBackoffUntilTheServerSigns() {
    node.failNext("Sign", 2, Status.UNAVAILABLE.withDescription("CA not installed yet"));

    renewer = renewer().start();
    await().atMost(Duration.ofSeconds(5)).until(() -> renewer.lastFailure().isPresent());
    assertThat(renewer.lastFailure().orElseThrow()).hasMessageContaining("CA not installed yet");
    await().atMost(Duration.ofSeconds(8)).until(() -> renewer.renewals() == 1);

    List<Instant> calls = signCalls();
    assertThat(calls).hasSize(3);
    assertThat(Duration.between(calls.get(0), calls.get(1))).isBetween(Duration.ofMillis(900), Duration.ofMillis(1900));
    assertThat(Duration.between(calls.get(1), calls.get(2))).isBetween(Duration.ofMillis(1900), Duration.ofMillis(2900));
    assertThat(renewer.lastFailure()).isEmpty();
    assertThat(Files.exists(dir.resolve("w.pem"))).isTrue();
  }

  @Test
  void retriesAreNotDelayedPastTheCurrentCertificatesExpiry() {
    certs.maxTtl = Duration.ofSeconds(6);
    renewer = renewer().ttl(Duration.ofSeconds(6)).start();
    await().atMost(Duration.ofSeconds(5)).until(() -> renewer.renewals() == 1);
    Instant expiry = renewer.current().orElseThrow().getNotAfter().toInstant();
    node.failNext("Sign", 100, Status.UNAVAILABLE);

    // Renewal at ~4 s fails, the retry at ~5 s too; the next would wait 2 s but the certificate
    // lapses at ~6 s, so it comes after 1 s instead.
    await().atMost(Duration.ofSeconds(9)).until(() -> signCalls().size() >= 4);
    List<Instant> calls = signCalls();
    assertThat(Duration.between(calls.get(1), calls.get(2))).isBetween(Duration.ofMillis(900), Duration.ofMillis(1500));
    assertThat(Duration.between(calls.get(2), calls.get(3))).isLessThan(Duration.ofMillis(1500));
    assertThat(calls.get(3)).isBefore(expiry.plusMillis(300));
    assertThat(renewer.renewals()).isEqualTo(1);
    assertThat(renewer.lastFailure()).isPresent();
  }

  @Test
  void closeStopsFurtherRenewals() {
    renewer = renewer().start();
    await().atMost(Duration.ofSeconds(5)).until(() -> renewer.renewals() == 1);
    renewer.close();

    await().during(Duration.ofSeconds(3)).atMost(Duration.ofSeconds(4)).until(() -> signCalls().size() == 1);
    assertThat(renewer.renewals()).isEqualTo(1);
  }
}
