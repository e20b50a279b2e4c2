package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.RegistryError;

/**
 * A command or query the registry refuses. Thrown inside the engine only to unwind to the point
 * where the journal is rolled back; it never escapes the public API, which returns the error.
 */
final class Rejection extends RuntimeException {
  private final transient RegistryError error;

  private Rejection(RegistryError error) {
    // No stack trace: rejections are ordinary results on the hot path, not bugs.
    super(error.getMessage(), null, false, false);
    this.error = error;
  }

  RegistryError error() {
    return error;
  }

  static Rejection of(ErrorCode code, String field, String detail) {
    return new Rejection(RegistryError.newBuilder()
        .setCode(code).setField(field).setMessage(field + ": " + detail).build());
  }

  static Rejection invalid(String field, String detail) {
    return of(ErrorCode.INVALID_ARGUMENT, field, detail);
  }

  static Rejection limit(String field, String detail) {
    return of(ErrorCode.LIMIT_EXCEEDED, field, detail);
  }

  static Rejection notFound(String field, String detail) {
    return of(ErrorCode.NOT_FOUND, field, detail);
  }

  static Rejection alreadyExists(String field, String detail) {
    return of(ErrorCode.ALREADY_EXISTS, field, detail);
  }

  static Rejection failedPrecondition(String field, String detail) {
    return of(ErrorCode.FAILED_PRECONDITION, field, detail);
  }

  /** The same rejection with its field nested under {@code prefix}, e.g. "commands[3]". */
  Rejection under(String prefix) {
    return new Rejection(error.toBuilder()
        .setField(prefix + "." + error.getField())
        .setMessage(prefix + "." + error.getMessage())
        .build());
  }

  /** Renders a key for a message: quoted text when printable ASCII, hex otherwise, capped in length. */
  static String keyText(ByteString key) {
    int shown = Math.min(key.size(), 64);
    boolean printable = true;
    for (int i = 0; i < shown && printable; i++) {
      int b = key.byteAt(i) & 0xff;
      printable = b >= 0x20 && b < 0x7f;
    }
    String suffix = key.size() > shown ? "...(" + key.size() + " bytes)" : "";
    if (printable) {
      return "\"" + key.substring(0, shown).toStringUtf8() + "\"" + suffix;
    }
    StringBuilder hex = new StringBuilder("0x");
    for (int i = 0; i < shown; i++) {
      hex.append(Character.forDigit((key.byteAt(i) >> 4) & 0xf, 16))
          .append(Character.forDigit(key.byteAt(i) & 0xf, 16));
    }
    return hex + suffix;
  }
}
