package dev.synod.bench.etcd;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import io.etcd.jetcd.Client;
import io.etcd.jetcd.common.exception.ErrorCode;
import io.etcd.jetcd.common.exception.EtcdExceptionFactory;
import io.grpc.Status;
import java.net.URI;
import java.util.List;
import java.util.concurrent.CompletionException;
import org.junit.jupiter.api.Test;

class EtcdKvTargetTest {
  private static final List<URI> ENDPOINTS = List.of(URI.create("http://127.0.0.1:23790"));

  @Test
  void failuresAreCountedByGrpcStatusWhereverJetcdPutsIt() {
    try (EtcdKvTarget target = EtcdKvTarget.open(ENDPOINTS, null, 1)) {
      assertThat(target.name()).isEqualTo("etcd");
      assertThat(target.errorStatus(new CompletionException(Status.UNAVAILABLE.withDescription("no leader").asRuntimeException())))
          .isEqualTo("UNAVAILABLE");
      assertThat(target.errorStatus(Status.DEADLINE_EXCEEDED.asException())).isEqualTo("DEADLINE_EXCEEDED");
      assertThat(target.errorStatus(new CompletionException(
          EtcdExceptionFactory.newEtcdException(ErrorCode.CANCELLED, "client closed")))).isEqualTo("CANCELLED");
      assertThat(target.errorStatus(new IllegalStateException("bug"))).isEqualTo("IllegalStateException");
    }
  }

  @Test
  void connectionsAreJetcdClientsAndTheirNumberIsBounded() {
    assertThatThrownBy(() -> EtcdKvTarget.open(ENDPOINTS, null, 0))
        .hasMessage("connections: 0 (expected: 1..1024)");
    assertThatThrownBy(() -> EtcdKvTarget.open(List.of(), null, 1))
        .hasMessageStartingWith("endpoints: empty");
    assertThatThrownBy(() -> new EtcdKvTarget(List.<Client>of()))
        .hasMessageStartingWith("clients: empty");
  }
}
