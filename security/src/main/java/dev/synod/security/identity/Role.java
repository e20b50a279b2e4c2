package dev.synod.security.identity;

import java.util.Arrays;
import java.util.stream.Collectors;

/** What a SPIFFE identity is allowed to be: the middle path segment of {@code spiffe://<cluster>/<role>/<name>}. */
public enum Role {
  SERVER("server", dev.synod.proto.v1.Role.ROLE_SERVER),
  ADMIN("admin", dev.synod.proto.v1.Role.ROLE_ADMIN),
  OPERATOR("operator", dev.synod.proto.v1.Role.ROLE_OPERATOR),
  CLIENT("client", dev.synod.proto.v1.Role.ROLE_CLIENT),
  FILE_SERVER("file-server", dev.synod.proto.v1.Role.ROLE_FILE_SERVER),
  WORKER("worker", dev.synod.proto.v1.Role.ROLE_WORKER),
  EDGE("edge", dev.synod.proto.v1.Role.ROLE_EDGE);

  private static final String WIRE_NAMES =
      Arrays.stream(values()).map(Role::wireName).collect(Collectors.joining(", "));

  private final String wireName;
  private final dev.synod.proto.v1.Role proto;

  Role(String wireName, dev.synod.proto.v1.Role proto) {
    this.wireName = wireName;
    this.proto = proto;
  }

  /** The spelling used in SPIFFE ids, flags and config files, e.g. {@code file-server}. */
  public String wireName() {
    return wireName;
  }

  public dev.synod.proto.v1.Role proto() {
    return proto;
  }

  /** Parses a wire name; the error names {@code field} so it points at the flag or config key. */
  public static Role parse(String field, String text) {
    for (Role role : values()) {
      if (role.wireName.equals(text)) {
        return role;
      }
    }
    String shown = text == null ? "null" : "\"" + text + "\"";
    throw new IllegalArgumentException(field + ": " + shown + " (expected: one of " + WIRE_NAMES + ")");
  }

  public static Role fromProto(dev.synod.proto.v1.Role role) {
    for (Role r : values()) {
      if (r.proto == role) {
        return r;
      }
    }
    String expected = Arrays.stream(values()).map(r -> r.proto.name()).collect(Collectors.joining(", "));
    throw new IllegalArgumentException("role: " + role + " (expected: one of " + expected + ")");
  }
}
