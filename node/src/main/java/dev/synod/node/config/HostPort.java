package dev.synod.node.config;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** A {@code host:port} address, as in {@code seeds}; an IPv6 host is written in brackets ({@code [::1]:7402}). */
record HostPort(String host, int port) {
  private static final Pattern LABEL = Pattern.compile("[A-Za-z0-9_]([A-Za-z0-9_-]{0,61}[A-Za-z0-9_])?");
  private static final Pattern DIGITS = Pattern.compile("[0-9]+");
  private static final Pattern IPV6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  static Optional<HostPort> parse(String text) {
    int colon = text.lastIndexOf(':');
    if (colon <= 0 || colon == text.length() - 1) {
      return Optional.empty();
    }
    String host = text.substring(0, colon);
    String port = text.substring(colon + 1);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
      if (!host.contains(":")) {
        return Optional.empty();
      }
    } else if (host.contains(":")) {
      return Optional.empty(); // an IPv6 host needs brackets, or the port is ambiguous
    }
    if (!isHost(host) || !DIGITS.matcher(port).matches() || port.length() > 5) {
      return Optional.empty();
    }
    int p = Integer.parseInt(port);
    return p >= 1 && p <= 65535 ? Optional.of(new HostPort(host, p)) : Optional.empty();
  }

  /** A DNS name, an IPv4 address or an IPv6 literal. Never looks anything up. */
  static boolean isHost(String host) {
    if (host.isEmpty() || host.length() > 253) {
      return false;
    }
    if (host.contains(":")) {
      return ipv6(host) != null;
    }
    String[] labels = host.split("\\.", -1);
    boolean numeric = true;
    for (String label : labels) {
      if (!LABEL.matcher(label).matches()) {
        return false;
      }
      numeric &= DIGITS.matcher(label).matches();
    }
    if (numeric) { // must then be a dotted IPv4 address
      if (labels.length != 4) {
        return false;
      }
      for (String label : labels) {
        if (label.length() > 3 || Integer.parseInt(label) > 255) {
          return false;
        }
      }
    }
    return true;
  }

  /** The "any" address (0.0.0.0 or ::), which one can bind to but nobody can reach. */
  static boolean isWildcard(String host) {
    if (host.equals("0.0.0.0")) {
      return true;
    }
    InetAddress address = host.contains(":") ? ipv6(host) : null;
    return address != null && address.isAnyLocalAddress();
  }

  private static InetAddress ipv6(String literal) {
    if (!IPV6_CHARS.matcher(literal).matches()) {
      return null;
    }
    try {
      // Brackets make the JDK parse an IPv6 literal and never fall back to a DNS lookup.
      return InetAddress.getByName("[" + literal + "]");
    } catch (UnknownHostException e) {
      return null;
    }
  }

  @Override
  public String toString() {
    return (host.contains(":") ? "[" + host + "]" : host) + ":" + port;
  }
}
