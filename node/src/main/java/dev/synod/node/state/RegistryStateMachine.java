package dev.synod.node.state;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.synod.consensus.ReplicatedStateMachine;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.QueryResult;
import dev.synod.proto.v1.RegistryError;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.registry.CommandValidator;
import dev.synod.registry.Registry;
import java.time.Clock;
import java.util.Optional;
import java.util.function.Supplier;

/**
 * Adapts the pure {@link Registry} to consensus: decodes entries, and stamps the leader's clock into
 * each command before it is appended, which is the only way time reaches the registry.
 */
public final class RegistryStateMachine implements ReplicatedStateMachine {
  private final Registry registry;
  private final Clock clock;

  public RegistryStateMachine(Registry registry, Clock clock) {
    this.registry = registry;
    this.clock = clock;
  }

  @Override
  public byte[] prepare(byte[] proposal) {
    Command command = decodeCommand(proposal);
    Optional<RegistryError> invalid = CommandValidator.validate(command, registry.limits());
    if (invalid.isPresent()) {
      throw new IllegalArgumentException(invalid.get().getMessage());
    }
    return command.toBuilder().setTimestampMillis(clock.millis()).build().toByteArray();
  }

  @Override
  public byte[] apply(long index, byte[] entry) {
    Command command;
    try {
      command = Command.parseFrom(entry);
    } catch (InvalidProtocolBufferException e) {
      // Never thrown into consensus: a malformed entry is an application error on every replica alike.
      return CommandResult.newBuilder().setRevision(index)
          .setError(RegistryErrors.malformed("entry", e.getMessage())).build().toByteArray();
    }
    return registry.apply(index, command).toByteArray();
  }

  @Override
  public byte[] query(byte[] query) {
    Query q;
    try {
      q = Query.parseFrom(query);
    } catch (InvalidProtocolBufferException e) {
      return QueryResult.newBuilder().setRevision(registry.revision())
          .setError(RegistryErrors.malformed("query", e.getMessage())).build().toByteArray();
    }
    return registry.query(q).toByteArray();
  }

  /** The registry's snapshot message is immutable: serializing it later, while applies go on, is safe. */
  @Override
  public Supplier<byte[]> captureSnapshot() {
    RegistrySnapshot captured = registry.snapshot();
    return captured::toByteArray;
  }

  @Override
  public void restore(byte[] snapshot) {
    try {
      registry.restore(RegistrySnapshot.parseFrom(snapshot));
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalStateException("registry snapshot does not parse: " + e.getMessage(), e);
    }
  }

  private static Command decodeCommand(byte[] proposal) {
    try {
      return Command.parseFrom(proposal);
    } catch (InvalidProtocolBufferException e) {
      throw new IllegalArgumentException("command: does not parse as synod.v1.Command (" + e.getMessage() + ")", e);
    }
  }
}
