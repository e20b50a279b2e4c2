package dev.synod.registry;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.QueryResult;
import dev.synod.proto.v1.RegistryError;

/** Plays the Raft leader for a test: numbers entries and stamps them with a clock the test moves. */
final class Driver {
  final Registry registry;
  long index;
  long now = 1_000_000;

  Driver(RegistryLimits limits) {
    this.registry = new Registry(limits);
  }

  Driver() {
    this(RegistryLimits.defaults());
  }

  Driver advance(long millis) {
    now += millis;
    return this;
  }

  CommandResult apply(Command command) {
    return registry.apply(++index, command.toBuilder().setTimestampMillis(now).build());
  }

  /** Applies a command that must succeed. */
  CommandResult ok(Command command) {
    CommandResult result = apply(command);
    assertThat(result.hasError()).as("unexpected error %s", result.getError()).isFalse();
    return result;
  }

  /** Applies a command that must be rejected, and returns the error. */
  RegistryError rejected(Command command) {
    CommandResult result = apply(command);
    assertThat(result.hasError()).as("expected an error, got %s", result).isTrue();
    return result.getError();
  }

  QueryResult query(Query query) {
    return registry.query(query);
  }
}
