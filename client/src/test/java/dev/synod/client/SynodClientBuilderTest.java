package dev.synod.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Pins the builder's validation messages: field, value, expected form. */
class SynodClientBuilderTest {
  @Test
  void rejectsAnEndpointWithoutAPort() {
    assertThatThrownBy(() -> SynodClient.builder().endpoints(List.of("10.0.0.1:7400", "x")))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("endpoints[1]: 'x' (expected: host:port)");
  }

  @Test
  void rejectsEmptyEndpointsAndOutOfRangePorts() {
    assertThatThrownBy(() -> SynodClient.builder().endpoints(List.of()))
        .hasMessageContaining("expected: at least one host:port");
    assertThatThrownBy(() -> SynodClient.builder().endpoints("h:0")).hasMessageContaining("'h:0'");
    assertThatThrownBy(() -> SynodClient.builder().endpoints("h:65536")).hasMessageContaining("'h:65536'");
    assertThatThrownBy(() -> SynodClient.builder().endpoints("a b:1")).hasMessageContaining("'a b:1'");
    assertThatThrownBy(() -> SynodClient.builder().build()).hasMessageContaining("endpoints: not set");
  }

  @Test
  void acceptsHostnamesIpv4AndBracketedIpv6() {
    assertThat(Endpoints.isHostPort("synod-0.synod.svc:7400")).isTrue();
    assertThat(Endpoints.isHostPort("127.0.0.1:1")).isTrue();
    assertThat(Endpoints.isHostPort("[::1]:7400")).isTrue();
    assertThat(Endpoints.isHostPort("::1:7400")).isFalse();
  }

  @Test
  void rejectsNonPositiveDurationsAndConflictingBackoff() {
    assertThatThrownBy(() -> SynodClient.builder().deadline(Duration.ZERO))
        .hasMessage("deadline: PT0S (expected: > 0)");
    assertThatThrownBy(() -> SynodClient.builder().maxRetries(-1))
        .hasMessage("maxRetries: -1 (expected: 0..100)");
    assertThatThrownBy(() -> SynodClient.builder().endpoints("h:1").initialBackoff(Duration.ofSeconds(3))
        .maxBackoff(Duration.ofSeconds(1)).build())
        .hasMessageContaining("maxBackoff: PT1S (expected: >= initialBackoff PT3S)");
  }

  @Test
  void backoffGrowsExponentiallyWithJitterAndIsCapped() {
    Backoff b = new Backoff(Duration.ofMillis(100), Duration.ofMillis(1000));
    for (int i = 0; i < 50; i++) {
      assertThat(b.delayMillis(1)).isBetween(50L, 100L);
      assertThat(b.delayMillis(3)).isBetween(200L, 400L);
      assertThat(b.delayMillis(20)).isBetween(500L, 1000L);
    }
  }
}
