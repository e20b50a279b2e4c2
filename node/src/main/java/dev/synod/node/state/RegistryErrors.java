package dev.synod.node.state;

import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.RegistryError;

/** Builds registry errors for inputs that fail before the registry sees them. */
final class RegistryErrors {
  private RegistryErrors() {}

  static RegistryError malformed(String field, String detail) {
    return RegistryError.newBuilder().setCode(ErrorCode.INVALID_ARGUMENT).setField(field)
        .setMessage(field + ": malformed protobuf (" + detail + ")").build();
  }
}
