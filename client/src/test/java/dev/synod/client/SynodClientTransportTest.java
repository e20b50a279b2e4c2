package dev.synod.client;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.security.testing.TestPki;
import dev.synod.security.tls.TlsCredentials;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;

/** Pins the builder's transport rules: an explicit choice, exactly one, and tokens only over TLS. */
class SynodClientTransportTest {
  private final TlsCredentials tls = TestPki.create("test").clientCredentials(null);

  @AfterEach
  void close() {
    tls.close();
  }

  private static SynodClient.Builder builder() {
    return SynodClient.builder().endpoints("127.0.0.1:7400");
  }

  @Test
  void refusesToBuildWithoutAnExplicitTransport() {
    assertThatThrownBy(() -> builder().build()).isInstanceOf(IllegalStateException.class)
        .hasMessage("transport: not chosen (expected: tls(credentials) to verify the cluster's certificates,"
            + " or insecurePlaintext() for a development cluster without TLS)");
  }

  @Test
  void refusesATokenWithoutTls() {
    String token = "synod_" + "b".repeat(43);
    assertThatThrownBy(() -> builder().insecurePlaintext().token(token).build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("token: a bearer token is only sent over TLS; set tls(...)");
    assertThatThrownBy(() -> builder().token(token).build())
        .hasMessage("token: a bearer token is only sent over TLS; set tls(...)");
  }

  @Test
  void refusesTwoTransports() {
    assertThatThrownBy(() -> builder().tls(tls).insecurePlaintext().build())
        .isInstanceOf(IllegalStateException.class)
        .hasMessage("transport: tls(...) and insecurePlaintext() both set"
            + " (expected: exactly one of tls(...), insecurePlaintext() or channelFactory(...))");
    assertThatThrownBy(() -> builder().insecurePlaintext().channelFactory(FakeNode::inProcessChannels).build())
        .hasMessageContaining("insecurePlaintext() and channelFactory(...) both set");
  }

  @Test
  void refusesMalformedTokensWithoutEchoingThem() {
    assertThatThrownBy(() -> builder().token(" ")).isInstanceOf(IllegalArgumentException.class)
        .hasMessage("token: blank (expected: the token's secret)");
    assertThatThrownBy(() -> builder().token("synod_sec ret"))
        .hasMessage("token: contains a space, control or non-ASCII character at index 9"
            + " (expected: printable ASCII without spaces)");
  }

  @Test
  void eachExplicitChoiceBuilds() {
    try (SynodClient a = builder().tls(tls).token("synod_" + "c".repeat(43)).build();
        SynodClient b = builder().insecurePlaintext().build();
        SynodClient c = builder().channelFactory(FakeNode::inProcessChannels).build()) {
      assertThat(a.endpoints()).containsExactly("127.0.0.1:7400");
      assertThat(b.acl()).isNotNull();
      assertThat(c.certificates()).isNotNull();
    }
  }
}
