package dev.synod.node.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.awaitility.Awaitility.await;

import dev.synod.client.SynodClient;
import dev.synod.client.TokenSecret;
import dev.synod.client.tls.CertificateRenewer;
import dev.synod.node.cluster.SynodClusterExtension;
import dev.synod.proto.v1.ListRegistrantsRequest;
import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import dev.synod.security.pki.KeyType;
import dev.synod.security.tls.PeerPolicy;
import dev.synod.security.tls.TlsCredentials;
import java.nio.file.Path;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.RegisterExtension;
import org.junit.jupiter.api.io.TempDir;

/** A worker with a join token gets its certificate from the built-in CA and renews it before it expires. */
class CertificateRenewalTest {
  @RegisterExtension
  final SynodClusterExtension cluster = SynodClusterExtension.nodes(3);

  @TempDir
  Path tmp;

  @Test
  void joinTokenHolderGetsAShortLivedCertificateAndRenewsItBeforeExpiry() throws Exception {
    cluster.awaitServing();
    TokenSecret join = cluster.client().acl().create(Role.WORKER, "join token for w1", Duration.ZERO);
    List<String> endpoints = cluster.running().stream().map(a -> a.apiAddress()).toList();
    ScheduledExecutorService scheduler = Executors.newSingleThreadScheduledExecutor();
    TlsCredentials joinTls = cluster.pki().clientCredentials(null);
    try (SynodClient joining = SynodClient.builder().endpoints(endpoints).tls(joinTls).token(join.secret())
        .deadline(Duration.ofSeconds(10)).build()) {
      List<X509Certificate> issued = new CopyOnWriteArrayList<>();
      Path cert = tmp.resolve("w1.pem");
      Path key = tmp.resolve("w1-key.pem");
      Path ca = tmp.resolve("ca.pem");
      // The CA may take a leader duty tick to be replicated: the renewer retries until it is there.
      try (CertificateRenewer renewer = CertificateRenewer.builder(joining)
          .identity(new SpiffeId("test", Role.WORKER, "w1")).files(cert, key, ca).ttl(Duration.ofSeconds(6))
          .keyType(KeyType.EC_P256).clock(Clock.systemUTC()).scheduler(scheduler).start()) {
        await().atMost(Duration.ofSeconds(30)).until(() -> {
          renewer.current().filter(c -> !issued.contains(c)).ifPresent(issued::add);
          return issued.size() >= 3;
        });
      }
      for (int i = 1; i < issued.size(); i++) {
        X509Certificate previous = issued.get(i - 1);
        X509Certificate next = issued.get(i);
        assertThat(next.getNotAfter()).isAfter(previous.getNotAfter());
        // Renewed while the previous one was still valid: at about two thirds of its lifetime.
        assertThat(next.getNotBefore().toInstant().plus(Duration.ofMinutes(1)))
            .isBefore(previous.getNotAfter().toInstant());
      }
      X509Certificate last = issued.get(issued.size() - 1);
      assertThat(Duration.between(Instant.now(), last.getNotAfter().toInstant())).isLessThan(Duration.ofSeconds(7));
      assertThat(last.getSubjectAlternativeNames().toString()).contains("spiffe://test/worker/w1");

      // The renewed files work as a worker's credentials: the worker role may list registrants.
      try (TlsCredentials worker = TlsCredentials.fromFiles(ca, cert, key, PeerPolicy.servers("test"),
              Duration.ofSeconds(1));
          SynodClient asWorker = SynodClient.builder().endpoints(endpoints).tls(worker).build()) {
        assertThat(asWorker.list(ListRegistrantsRequest.getDefaultInstance())).isNotNull();
      }
    } finally {
      joinTls.close();
      scheduler.shutdownNow();
    }
  }
}
