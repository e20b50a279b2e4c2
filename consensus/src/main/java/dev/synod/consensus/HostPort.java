package dev.synod.consensus;

/** A parsed host:port (IPv6 hosts in brackets). */
record HostPort(String host, int port) {

  static HostPort parse(String field, String value) {
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      throw new IllegalArgumentException(field + ": '" + value + "' (expected: host:port)");
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") && host.endsWith("]")) {
      host = host.substring(1, host.length() - 1);
    }
    int port;
    try {
      port = Integer.parseInt(value.substring(colon + 1));
    } catch (NumberFormatException e) {
      throw new IllegalArgumentException(field + ": '" + value + "' (expected: host:port with a numeric port)");
    }
    if (port < 1 || port > 65535 || host.isBlank()) {
      throw new IllegalArgumentException(field + ": '" + value + "' (expected: host:port, port in [1, 65535])");
    }
    return new HostPort(host, port);
  }
}
