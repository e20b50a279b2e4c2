package dev.synod.security.identity;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

class RoleTest {

  @Test
  void wireNamesRoundTrip() {
    for (Role role : Role.values()) {
      assertThat(Role.parse("role", role.wireName())).isEqualTo(role);
      assertThat(Role.fromProto(role.proto())).isEqualTo(role);
    }
    assertThat(Role.FILE_SERVER.wireName()).isEqualTo("file-server");
    assertThat(Role.FILE_SERVER.proto()).isEqualTo(dev.synod.proto.v1.Role.ROLE_FILE_SERVER);
  }

  @Test
  void parseNamesFieldValueAndChoices() {
    assertThatThrownBy(() -> Role.parse("role", "wrkr"))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessage("role: \"wrkr\" (expected: one of server, admin, operator, client, file-server, worker, edge)");
    assertThatThrownBy(() -> Role.parse("--role", "SERVER")).hasMessageStartingWith("--role: \"SERVER\" (expected: one of server,");
    assertThatThrownBy(() -> Role.parse("role", null)).hasMessageStartingWith("role: null (expected:");
  }

  @Test
  void fromProtoRejectsUnspecifiedAndUnrecognized() {
    assertThatThrownBy(() -> Role.fromProto(dev.synod.proto.v1.Role.ROLE_UNSPECIFIED))
        .isInstanceOf(IllegalArgumentException.class)
        .hasMessageStartingWith("role: ROLE_UNSPECIFIED (expected: one of ROLE_SERVER, ROLE_ADMIN,");
    assertThatThrownBy(() -> Role.fromProto(dev.synod.proto.v1.Role.UNRECOGNIZED)).hasMessageStartingWith("role: UNRECOGNIZED");
  }
}
