package dev.synod.membership;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import org.junit.jupiter.api.Test;

class MembershipSettingsTest {

  @Test
  void lanMatchesScalecubesLanDefaultsExceptTheSuspicionMultiplier() {
    MembershipSettings lan = MembershipSettings.lan();
    assertThat(lan.pingInterval()).isEqualTo(Duration.ofSeconds(1));
    assertThat(lan.pingTimeout()).isEqualTo(Duration.ofMillis(500));
    assertThat(lan.pingReqMembers()).isEqualTo(3);
    // scalecube's is 5; 1 keeps detection near memberlist's minimum suspicion timeout (serf's lan).
    assertThat(lan.suspicionMult()).isEqualTo(1);
    assertThat(lan.syncInterval()).isEqualTo(Duration.ofSeconds(30));
    assertThat(lan.syncTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(lan.gossipInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(lan.gossipFanout()).isEqualTo(3);
    assertThat(lan.gossipRepeatMult()).isEqualTo(3);
    assertThat(lan.metadataTimeout()).isEqualTo(Duration.ofSeconds(3));
    assertThat(lan.port()).isEqualTo(7946);
    assertThat(lan.seeds()).isEmpty();
    assertThat(lan.namespace()).isEmpty();
    assertThat(MembershipSettings.builder().build().toString()).isEqualTo(lan.toString());
  }

  @Test
  void localProbesFasterButKeepsSecondsOfSuspicion() {
    MembershipSettings local = MembershipSettings.local();
    assertThat(local.pingInterval()).isEqualTo(Duration.ofMillis(200));
    assertThat(local.bindHost()).isEqualTo("127.0.0.1");
    assertThat(local.port()).isZero();
    // suspicionMult x ceilLog2(3 members) x pingInterval
    assertThat(local.pingInterval().multipliedBy(local.suspicionMult() * 2L)).isGreaterThanOrEqualTo(Duration.ofSeconds(3));
  }

  @Test
  void toBuilderKeepsEverySetting() {
    MembershipSettings s = MembershipSettings.local().toBuilder().seeds("a:1", "[::1]:2").namespace("prod").build();
    assertThat(s.toBuilder().build().toString()).isEqualTo(s.toString());
    assertThat(s.seeds()).containsExactly("a:1", "[::1]:2");
    assertThat(s.namespace()).contains("prod");
  }

  @Test
  void tlsIsOffByDefaultAndCarriedByToBuilder() throws Exception {
    assertThat(MembershipSettings.lan().tls()).isEmpty();
    assertThat(MembershipSettings.local().tls()).isEmpty();
    javax.net.ssl.KeyManagerFactory keys = javax.net.ssl.KeyManagerFactory.getInstance("PKIX");
    keys.init(null, null);
    javax.net.ssl.TrustManagerFactory trust = javax.net.ssl.TrustManagerFactory.getInstance("PKIX");
    trust.init((java.security.KeyStore) null);
    GossipTls tls = new GossipTls((javax.net.ssl.X509KeyManager) keys.getKeyManagers()[0],
        (javax.net.ssl.X509TrustManager) trust.getTrustManagers()[0]);

    MembershipSettings s = MembershipSettings.local().toBuilder().tls(tls).build();

    assertThat(s.tls()).containsSame(tls);
    assertThat(s.toBuilder().build().tls()).containsSame(tls);
    assertThat(s.toBuilder().tls(null).build().tls()).as("null switches back to plaintext").isEmpty();
    assertThat(s.toString()).contains("tls=GossipTls[keyManager=");
    assertThatThrownBy(() -> new GossipTls(null, tls.trustManager())).isInstanceOf(NullPointerException.class)
        .hasMessage("keyManager");
  }

  @Test
  void buildNamesFieldValueAndLimit() {
    assertThatThrownBy(() -> MembershipSettings.builder().pingTimeout(Duration.ofSeconds(2)).build())
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("pingTimeout: PT2S (expected: < pingInterval PT1S)");
    assertThatThrownBy(() -> MembershipSettings.builder().seeds("10.0.0.1:7946", "foo").build())
        .hasMessage("seeds[1]: 'foo' (expected: host:port)");
    assertThatThrownBy(() -> MembershipSettings.builder().seeds("h:0").build())
        .hasMessage("seeds[0]: 'h:0' (expected: host:port with a port in 1-65535)");
    assertThatThrownBy(() -> MembershipSettings.builder().syncTimeout(Duration.ofSeconds(40)).build())
        .hasMessageContaining("syncTimeout: PT40S (expected: < syncInterval PT30S)")
        .hasMessageContaining("joinTimeout: PT10S (expected: > syncTimeout PT40S)");
    assertThatThrownBy(() -> MembershipSettings.builder().gossipInterval(Duration.ZERO).build())
        .hasMessage("gossipInterval: PT0S (expected: >= 1ms)");
    assertThatThrownBy(() -> MembershipSettings.builder().metadataTimeout(Duration.ofHours(2)).build())
        .hasMessage("metadataTimeout: PT2H (expected: <= PT1H)");
    assertThatThrownBy(() -> MembershipSettings.builder().suspicionMult(0).gossipFanout(0).build())
        .hasMessage("suspicionMult: 0 (expected: >= 1); gossipFanout: 0 (expected: >= 1)");
    assertThatThrownBy(() -> MembershipSettings.builder().pingReqMembers(-1).gossipRepeatMult(0).build())
        .hasMessage("pingReqMembers: -1 (expected: >= 0); gossipRepeatMult: 0 (expected: >= 1)");
    assertThatThrownBy(() -> MembershipSettings.builder().port(65536).build())
        .hasMessage("port: 65536 (expected: 0-65535, 0 = any free port)");
    assertThatThrownBy(() -> MembershipSettings.builder().bindHost("a b").build())
        .hasMessage("bindHost: 'a b' (expected: a host name or IP address)");
    assertThatThrownBy(() -> MembershipSettings.builder().namespace("x").build())
        .hasMessageStartingWith("namespace: 'x' (expected: a cluster id of 2-64 characters");
    assertThatThrownBy(() -> MembershipSettings.builder().pingInterval(null)).isInstanceOf(NullPointerException.class)
        .hasMessage("pingInterval");
    assertThat(MembershipSettings.builder().bindHost("::").build().bindHost()).isEqualTo("::");
    assertThat(MembershipSettings.builder().pingReqMembers(0).build().pingReqMembers()).isZero();
  }
}
