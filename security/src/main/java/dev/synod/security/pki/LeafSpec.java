package dev.synod.security.pki;

import dev.synod.security.identity.SpiffeId;
import java.time.Duration;
import java.util.List;
import java.util.regex.Pattern;

/**
 * What goes into a leaf certificate: the SPIFFE id (always the first SAN), optional DNS names and
 * IP addresses for clients that still verify host names, and how long it is valid.
 */
public record LeafSpec(SpiffeId id, List<String> dnsNames, List<String> ipAddresses, Duration validity) {
  private static final String LABEL = "[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?";
  private static final Pattern HOSTNAME = Pattern.compile("(\\*\\.)?" + LABEL + "(\\." + LABEL + ")*");
  private static final int MAX_HOSTNAME = 253;

  /** Null lists mean none. */
  public LeafSpec {
    if (id == null) {
      throw new IllegalArgumentException("id: null (expected: a SPIFFE id)");
    }
    dnsNames = dnsNames == null ? List.of() : List.copyOf(dnsNames);
    ipAddresses = ipAddresses == null ? List.of() : List.copyOf(ipAddresses);
    for (String dns : dnsNames) {
      if (dns.length() > MAX_HOSTNAME || !HOSTNAME.matcher(dns).matches()) {
        throw new IllegalArgumentException("dns: \"" + dns + "\" (expected: a host name of letters, digits,"
            + " hyphens and dots, at most " + MAX_HOSTNAME + " characters, optionally starting with \"*.\")");
      }
    }
    for (String ip : ipAddresses) {
      if (IpLiteral.parse(ip).isEmpty()) {
        throw new IllegalArgumentException("ip: \"" + ip + "\" (expected: an IPv4 or IPv6 address literal)");
      }
    }
    if (validity == null || validity.isNegative() || validity.isZero()) {
      throw new IllegalArgumentException("validity: " + validity + " (expected: > 0)");
    }
  }

  /** A leaf carrying only its SPIFFE id. */
  public static LeafSpec of(SpiffeId id, Duration validity) {
    return new LeafSpec(id, List.of(), List.of(), validity);
  }
}
