package dev.synod.membership;

/** Checks {@code host:port} strings; IPv6 hosts are written in brackets, as in {@code [::1]:7946}. */
final class HostPort {

  private static final int MAX_LENGTH = 255;

  private HostPort() {}

  /** Returns why {@code value} is not {@code host:port} with a port in [minPort, 65535], or null. */
  static String problem(String value, int minPort) {
    if (value == null || value.isBlank() || value.length() > MAX_LENGTH) {
      return "host:port";
    }
    int colon = value.lastIndexOf(':');
    if (colon <= 0 || colon == value.length() - 1) {
      return "host:port";
    }
    String host = value.substring(0, colon);
    if (host.startsWith("[") != host.endsWith("]") || host.chars().anyMatch(HostPort::illegal)) {
      return "host:port";
    }
    if (!host.startsWith("[") && host.indexOf(':') >= 0) {
      return "host:port, with an IPv6 host in brackets";
    }
    String port = value.substring(colon + 1);
    if (port.length() > 5 || !port.chars().allMatch(c -> c >= '0' && c <= '9')) {
      return "host:port";
    }
    int number = Integer.parseInt(port);
    if (number < minPort || number > 65535) {
      return "host:port with a port in " + minPort + "-65535";
    }
    return null;
  }

  /** Throws if {@code value} is not {@code host:port}; port 0 is allowed (not yet bound). */
  static String require(String field, String value) {
    String problem = problem(value, 0);
    if (problem != null) {
      throw new IllegalArgumentException(field + ": " + quote(value) + " (expected: " + problem + ")");
    }
    return value;
  }

  static String host(String hostPort) {
    String host = hostPort.substring(0, hostPort.lastIndexOf(':'));
    return host.startsWith("[") ? host.substring(1, host.length() - 1) : host;
  }

  static int port(String hostPort) {
    return Integer.parseInt(hostPort.substring(hostPort.lastIndexOf(':') + 1));
  }

  static String quote(String value) {
    return value == null ? "null" : "'" + value + "'";
  }

  private static boolean illegal(int c) {
    return Character.isWhitespace(c) || Character.isISOControl(c) || c == '/' || c == '@';
  }
}
