package dev.synod.bench.compare;

/** How both clusters of a comparison are secured: the issue asks for every comparison both ways. */
public enum Mode {
  /** Mutual TLS on every hop: Synod's default; etcd with its client and peer TLS flags. */
  TLS("tls"),
  /** Plaintext for both (Synod's --insecure-dev). */
  PLAINTEXT("plaintext");

  private final String label;

  Mode(String label) {
    this.label = label;
  }

  public String label() {
    return label;
  }

  /** Parses {@code tls} or {@code plaintext}; the error names the value and the choices. */
  public static Mode parse(String text) {
    for (Mode m : values()) {
      if (m.label.equals(text)) {
        return m;
      }
    }
    throw new IllegalArgumentException("mode: '" + text + "' (expected: tls or plaintext)");
  }
}
