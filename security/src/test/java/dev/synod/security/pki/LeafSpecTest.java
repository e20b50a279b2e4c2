package dev.synod.security.pki;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import dev.synod.security.identity.Role;
import dev.synod.security.identity.SpiffeId;
import java.time.Duration;
import java.util.List;
import org.junit.jupiter.api.Test;

class LeafSpecTest {
  private static final SpiffeId ID = new SpiffeId("prod", Role.SERVER, "n1");
  private static final Duration DAY = Duration.ofDays(1);

  @Test
  void acceptsLiteralsAndHostNames() {
    LeafSpec spec = new LeafSpec(ID, List.of("localhost", "*.nodes.prod.example", "n-1.example"),
        List.of("10.0.0.1", "::1", "fe80::1:2", "2001:db8::ffff:0:1", "::ffff:10.1.2.3"), DAY);
    assertThat(spec.dnsNames()).hasSize(3);
    assertThat(spec.ipAddresses()).hasSize(5);
    assertThat(LeafSpec.of(ID, DAY).dnsNames()).isEmpty();
    assertThat(new LeafSpec(ID, null, null, DAY).ipAddresses()).isEmpty();
  }

  @Test
  void rejectsNonLiteralAddressesWithoutResolvingThem() {
    for (String bad : new String[] {"10.0.0.256", "10.0.0", "example.com", "zz::1", "::1%eth0", "1.2.3.4.5", ""}) {
      assertThatThrownBy(() -> new LeafSpec(ID, List.of(), List.of(bad), DAY))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessage("ip: \"" + bad + "\" (expected: an IPv4 or IPv6 address literal)");
    }
  }

  @Test
  void rejectsInvalidHostNames() {
    for (String bad : new String[] {"bad_name", "-x.example", "a..b", "x.*.example", "x.", "", "a".repeat(64)}) {
      assertThatThrownBy(() -> new LeafSpec(ID, List.of(bad), List.of(), DAY))
          .as(bad)
          .isInstanceOf(IllegalArgumentException.class)
          .hasMessageStartingWith("dns: \"" + bad + "\" (expected: a host name of letters, digits, hyphens and dots");
    }
  }

  @Test
  void requiresPositiveValidity() {
    assertThatThrownBy(() -> LeafSpec.of(ID, Duration.ZERO)).hasMessage("validity: PT0S (expected: > 0)");
    assertThatThrownBy(() -> LeafSpec.of(ID, Duration.ofSeconds(-1))).hasMessage("validity: PT-1S (expected: > 0)");
  }
}
