package dev.synod.security.pki;

import java.net.InetAddress;
import java.net.UnknownHostException;
import java.util.Optional;
import java.util.regex.Pattern;

/** Parses IP address literals without ever resolving a name. */
final class IpLiteral {
  private static final String OCTET = "(25[0-5]|2[0-4][0-9]|1[0-9][0-9]|[1-9]?[0-9])";
  private static final Pattern V4 = Pattern.compile(OCTET + "(\\." + OCTET + "){3}");
  // Only hex digits, colons and dots: InetAddress then treats the text as a literal, never as a host name.
  private static final Pattern V6_CHARS = Pattern.compile("[0-9A-Fa-f:.]+");

  private IpLiteral() {}

  /** The address bytes (4 or 16), or empty when the text is not an IPv4/IPv6 literal. */
  static Optional<byte[]> parse(String text) {
    if (text == null) {
      return Optional.empty();
    }
    if (V4.matcher(text).matches()) {
      String[] parts = text.split("\\.");
      byte[] bytes = new byte[4];
      for (int i = 0; i < 4; i++) {
        bytes[i] = (byte) Integer.parseInt(parts[i]);
      }
      return Optional.of(bytes);
    }
    if (text.indexOf(':') < 0 || !V6_CHARS.matcher(text).matches()) {
      return Optional.empty();
    }
    try {
      return Optional.of(InetAddress.getByName(text).getAddress());
    } catch (UnknownHostException e) {
      return Optional.empty();
    }
  }
}
