package dev.synod.bench.etcd;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.ClientBuilder;
import io.etcd.jetcd.maintenance.StatusResponse;
import java.time.Duration;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;

/**
 * Asks one member at a time for its Raft status through etcd's Maintenance API, over the same
 * transport (plaintext or mutual TLS) the benchmark uses. Calls fail fast: no waiting for a member
 * that is down, and a deadline for one that hangs.
 */
final class EtcdProbe implements AutoCloseable {
  static final Duration CALL_TIMEOUT = Duration.ofSeconds(2);

  private final EtcdSettings settings;
  private final Client client;

  EtcdProbe(EtcdSettings settings) {
    this.settings = settings;
    ClientBuilder builder = Client.builder()
        .endpoints(settings.clientUrls())
        .waitForReady(false)
        .connectTimeout(Duration.ofSeconds(1))
        .interceptor(new DeadlineInterceptor(CALL_TIMEOUT));
    if (settings.tls()) {
      builder.sslContext(settings.pki().clientSslContext());
    }
    this.client = builder.build();
  }

  /** What one member answered: its own id and the leader it follows (0 for none); or why it did not answer. */
  record Report(int member, long memberId, long leaderId, long raftTerm, String failure) {
    boolean answered() {
      return failure == null;
    }

    @Override
    public String toString() {
      return EtcdSettings.memberName(member) + ": " + (answered()
          ? "id " + Long.toHexString(memberId) + ", leader " + (leaderId == 0 ? "none" : Long.toHexString(leaderId))
              + ", term " + raftTerm
          : failure);
    }
  }

  Report status(int member) throws InterruptedException {
    String target = "ip:///" + EtcdSettings.HOST + ":" + settings.clientPort(member);
    try {
      StatusResponse r = client.getMaintenanceClient().statusMember(target)
          .get(CALL_TIMEOUT.toMillis() + 1_000, TimeUnit.MILLISECONDS);
      return new Report(member, r.getHeader().getMemberId(), r.getLeader(), r.getRaftTerm(), null);
    } catch (ExecutionException e) {
      return new Report(member, 0, 0, 0, "no answer: " + (e.getCause() != null ? e.getCause() : e));
    } catch (TimeoutException e) {
      return new Report(member, 0, 0, 0, "no answer within " + CALL_TIMEOUT);
    }
  }

  @Override
  public void close() {
    client.close();
  }
}
