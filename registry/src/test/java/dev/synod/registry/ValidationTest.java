package dev.synod.registry;

import static org.assertj.core.api.Assertions.assertThat;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.DeleteRequest;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.RegisterRequest;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistryError;
import dev.synod.proto.v1.RegistrySnapshot;
import java.util.Optional;
import org.junit.jupiter.api.Test;

class ValidationTest {
  private final Driver d = new Driver();

  @Test
  void oversizedValueIsRejectedNamingFieldAndLimit() {
    Command put = Command.newBuilder().setPut(PutRequest.newBuilder()
        .setKey(Commands.bytes("k")).setValue(ByteString.copyFrom(new byte[600_000]))).build();
    RegistryError error = d.rejected(put);
    assertThat(error.getCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(error.getField()).isEqualTo("value");
    assertThat(error.getMessage()).isEqualTo("value: 600000 bytes (expected: <= 524288)");
    assertThat(d.query(Commands.get("k")).getGet().hasKv()).isFalse();
  }

  @Test
  void oversizedKeyIsRejected() {
    RegistryError error = d.rejected(Commands.put("x".repeat(4097), "v"));
    assertThat(error.getCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(error.getMessage()).isEqualTo("key: 4097 bytes (expected: <= 4096)");
  }

  @Test
  void emptyKeyIsInvalid() {
    RegistryError error = d.rejected(Commands.put("", "v"));
    assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(error.getField()).isEqualTo("key");
    assertThat(d.query(Commands.get("")).getError().getField()).isEqualTo("key");
  }

  @Test
  void commandWithoutOpIsInvalid() {
    RegistryError error = d.rejected(Command.newBuilder().setTimestampMillis(5).build());
    assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(error.getField()).isEqualTo("op");
  }

  @Test
  void registrationWithUnspecifiedKindIsInvalid() {
    RegistryError error = d.rejected(Commands.register(RegistrantKind.REGISTRANT_KIND_UNSPECIFIED, "w1"));
    assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(error.getField()).isEqualTo("kind");
  }

  @Test
  void registrationLimitsIdAndLabels() {
    RegistryError id = d.rejected(Commands.register(RegistrantKind.WORKER, "w".repeat(257)));
    assertThat(id.getCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(id.getMessage()).isEqualTo("id: 257 bytes (expected: <= 256)");

    RegisterRequest.Builder labels = RegisterRequest.newBuilder().setKind(RegistrantKind.WORKER).setId("w1");
    for (int i = 0; i < 65; i++) {
      labels.putLabels("l" + i, "v");
    }
    RegistryError tooMany = d.rejected(Command.newBuilder().setRegister(labels).build());
    assertThat(tooMany.getField()).isEqualTo("labels");
    assertThat(tooMany.getMessage()).isEqualTo("labels: 65 labels (expected: <= 64)");
    assertThat(d.registry.snapshot().getRegistrantsList()).isEmpty();
  }

  @Test
  void conditionalPrefixDeleteIsInvalid() {
    Command delete = Command.newBuilder().setDelete(DeleteRequest.newBuilder()
        .setKey(Commands.bytes("p/")).setPrefix(true).setExpectedModRevision(3)).build();
    assertThat(d.rejected(delete).getField()).isEqualTo("expected_mod_revision");
  }

  @Test
  void validatorAgreesWithApply() {
    Command bad = Commands.put("x".repeat(5000), "v");
    Optional<RegistryError> before = CommandValidator.validate(bad, d.registry.limits());
    assertThat(before).contains(d.rejected(bad));
    assertThat(CommandValidator.validate(Commands.put("a", "b"), d.registry.limits())).isEmpty();
  }

  @Test
  void rejectedCommandStillAdvancesRevisionButNothingElse() {
    d.ok(Commands.put("a", "1"));
    RegistrySnapshot before = d.registry.snapshot();
    d.advance(5_000).rejected(Commands.put("", "v"));
    assertThat(d.registry.revision()).isEqualTo(2);
    assertThat(d.registry.snapshot()).isEqualTo(before.toBuilder().setRevision(2).build());
  }

  @Test
  void replayedIndexIsRefusedWithoutChangingState() {
    d.ok(Commands.put("a", "1"));
    RegistrySnapshot before = d.registry.snapshot();
    CommandResult replay = d.registry.apply(1, Commands.put("a", "2"));
    assertThat(replay.getError().getCode()).isEqualTo(ErrorCode.FAILED_PRECONDITION);
    assertThat(replay.getError().getField()).isEqualTo("index");
    assertThat(d.registry.snapshot()).isEqualTo(before);
  }

  @Test
  void queryWithoutQuestionIsInvalid() {
    assertThat(d.query(Query.getDefaultInstance()).getError().getField()).isEqualTo("q");
  }
}
