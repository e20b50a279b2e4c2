package dev.synod.client;

import java.util.List;

/** Validates {@code host:port} endpoint strings, naming the offending entry on failure. */
final class Endpoints {
  private Endpoints() {}

  static List<String> validate(List<String> endpoints) {
    if (endpoints == null || endpoints.isEmpty()) {
      throw new IllegalArgumentException("endpoints: " + endpoints + " (expected: at least one host:port)");
    }
    for (int i = 0; i < endpoints.size(); i++) {
      String e = endpoints.get(i);
      if (!isHostPort(e)) {
        throw new IllegalArgumentException("endpoints[" + i + "]: '" + e + "' (expected: host:port)");
      }
    }
    return List.copyOf(endpoints);
  }

  static String validate(String endpoint) {
    if (!isHostPort(endpoint)) {
      throw new IllegalArgumentException("endpoint: '" + endpoint + "' (expected: host:port)");
    }
    return endpoint;
  }

  /** True for {@code host:port} and {@code [ipv6]:port} with a port in 1..65535. */
  static boolean isHostPort(String s) {
    if (s == null) {
      return false;
    }
    int colon = s.lastIndexOf(':');
    if (colon <= 0 || colon == s.length() - 1) {
      return false;
    }
    String host = s.substring(0, colon);
    if (host.startsWith("[")) {
      if (!host.endsWith("]") || host.length() < 3) {
        return false;
      }
    } else if (host.indexOf(':') >= 0) {
      return false;
    }
    for (int i = 0; i < host.length(); i++) {
      char c = host.charAt(i);
      if (Character.isWhitespace(c) || c == '/' || c == ',' || c == '@') {
        return false;
      }
    }
    String port = s.substring(colon + 1);
    if (port.length() > 5 || !port.chars().allMatch(Character::isDigit)) {
      return false;
    }
    int p = Integer.parseInt(port);
    return p >= 1 && p <= 65535;
  }
}
