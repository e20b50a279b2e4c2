package dev.synod.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.ErrorCode;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistryError;
import dev.synod.proto.v1.RegistrySnapshot;
import org.junit.jupiter.api.Test;

class BatchTest {
  private final Driver d = new Driver();

  @Test
  void batchIsAllOrNothing() {
    d.ok(Commands.put("a", "0"));
    long lease = d.ok(Commands.grant(5_000)).getLeaseGrant().getLease().getId();
    RegistrySnapshot before = d.registry.snapshot();

    RegistryError error = d.rejected(Commands.batch(
        Commands.put("a", "1"),
        Commands.delete("a"),
        Commands.grant(5_000),
        Commands.revoke(lease),
        Commands.cas("missing", 3, "x")));

    assertThat(error.getCode()).isEqualTo(ErrorCode.NOT_FOUND);
    assertThat(error.getField()).isEqualTo("commands[4].key");
    assertThat(error.getMessage()).startsWith("commands[4].key: \"missing\"");
    assertThat(d.registry.snapshot()).isEqualTo(before.toBuilder().setRevision(d.index).build());
  }

  @Test
  void batchAppliesEveryCommandAtOneRevision() {
    CommandResult result = d.ok(Commands.batch(
        Commands.grant(5_000),
        Commands.put("a", "1", 1), // the lease granted just above: ids are deterministic
        Commands.put("b", "1"),
        Commands.cas("b", 0, "2")));

    assertThat(result.getBatch().getResultsList()).hasSize(4)
        .allSatisfy(r -> assertThat(r.getRevision()).isEqualTo(1));
    assertThat(result.getBatch().getResults(3).getCas().getSucceeded()).isFalse();
    assertThat(d.query(Commands.get("a")).getGet().getKv().getLeaseId()).isEqualTo(1);
    assertThat(d.query(Commands.events(1)).getEvents().getEventsList()).hasSize(2);
  }

  @Test
  void statelessValidationNamesTheSubCommand() {
    RegistryError error = d.rejected(Commands.batch(Commands.put("a", "1"), Commands.put("", "1")));
    assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(error.getField()).isEqualTo("commands[1].key");
  }

  @Test
  void batchAcceptsOnlyKvAndLeaseOperations() {
    RegistryError error = d.rejected(Commands.batch(Commands.put("a", "1"),
        Commands.register(RegistrantKind.WORKER, "w1")));
    assertThat(error.getCode()).isEqualTo(ErrorCode.INVALID_ARGUMENT);
    assertThat(error.getField()).isEqualTo("commands[1].op");
    assertThat(d.rejected(Commands.batch(Commands.expire())).getField()).isEqualTo("commands[0].op");
    assertThat(d.rejected(Commands.batch(Commands.batch())).getField()).isEqualTo("commands[0].op");
  }

  @Test
  void batchSizeIsLimited() {
    Command[] many = new Command[129];
    for (int i = 0; i < many.length; i++) {
      many[i] = Commands.put("k" + i, "v");
    }
    RegistryError error = d.rejected(Commands.batch(many));
    assertThat(error.getCode()).isEqualTo(ErrorCode.LIMIT_EXCEEDED);
    assertThat(error.getMessage()).isEqualTo("commands: 129 commands (expected: <= 128)");
  }
}
