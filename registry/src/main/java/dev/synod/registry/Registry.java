package dev.synod.registry;

import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.QueryResult;
import dev.synod.proto.v1.RegistryError;
import dev.synod.proto.v1.RegistrySnapshot;
import dev.synod.proto.v1.RestoreResult;
import java.util.Objects;
import java.util.Optional;

/**
 * The replicated registry: a pure, deterministic state machine over KV, leases, registrants, ACL
 * tokens (as secret hashes) and the signing CA.
 * Not thread-safe; consensus applies commands one at a time.
 */
public final class Registry {
  private final RegistryLimits limits;
  private CommandExecutor executor;

  public Registry(RegistryLimits limits) {
    this.limits = Objects.requireNonNull(limits, "limits");
    this.executor = new CommandExecutor(new RegistryState(), limits);
  }

  /**
   * Applies the command committed at Raft index {@code index} (strictly increasing across calls, gaps
   * allowed). Never throws for bad commands: returns a CommandResult with {@code error} set, and a
   * rejected command changes nothing but the revision. The result's revision is {@code index}.
   */
  public CommandResult apply(long index, Command command) {
    RegistryState state = executor.state();
    if (index <= state.revision()) {
      // A replayed or reordered entry: applying it again would fork this replica, so refuse it whole.
      return error(index, Rejection.failedPrecondition("index", index
          + " (expected: > current revision " + state.revision() + ")").error());
    }
    Optional<RegistryError> invalid = CommandValidator.validate(command, limits);
    if (invalid.isPresent()) {
      state.setRevision(index);
      return error(index, invalid.get());
    }
    if (command.hasRestore()) {
      return restoreCommand(index, command);
    }
    CommandResult result;
    try {
      state.advanceClock(command.getTimestampMillis());
      result = executor.execute(index, command);
      state.journal.commit();
      state.events.trim(limits.eventHistory());
    } catch (Rejection r) {
      state.journal.rollback();
      result = error(index, r.error());
    } catch (RuntimeException e) {
      // A bug, not a bad command: still leave no half-applied state behind.
      state.journal.rollback();
      throw e;
    } finally {
      state.setRevision(index);
    }
    return result;
  }

  /** Read-only; the result's revision is the current revision, errors come back as QueryResult.error. */
  public QueryResult query(Query query) {
    return QueryExecutor.execute(executor.state(), limits, query);
  }

  /** The whole state, in a deterministic order. */
  public RegistrySnapshot snapshot() {
    return SnapshotCodec.snapshot(executor.state());
  }

  /** Replaces the whole state, revision included. Throws IllegalArgumentException for an inconsistent snapshot. */
  public void restore(RegistrySnapshot snapshot) {
    try {
      SnapshotValidator.check(snapshot);
    } catch (Rejection r) {
      throw new IllegalArgumentException("snapshot." + r.getMessage());
    }
    executor = new CommandExecutor(SnapshotCodec.restore(snapshot), limits);
  }

  public long revision() {
    return executor.state().revision();
  }

  public RegistryLimits limits() {
    return limits;
  }

  /**
   * An operator restore through the log. The revision stays monotonic (it becomes this index, and no
   * restored entry keeps a higher one: {@link RevisionCeiling}), the
   * clock never goes back, and the event history starts empty and compacted at this index: watchers
   * cannot be given a delta across a wholesale replacement, so they must resync.
   */
  private CommandResult restoreCommand(long index, Command command) {
    RegistrySnapshot s = command.getRestore().getSnapshot();
    RegistryState old = executor.state();
    long clock = Math.max(Math.max(old.clock(), s.getClockMillis()), command.getTimestampMillis());
    RegistryState fresh = SnapshotCodec.restore(RevisionCeiling.lowerTo(s, index).toBuilder()
        .setClockMillis(clock).clearEvents().setCompactRevision(index).build());
    executor = new CommandExecutor(fresh, limits);
    return CommandResult.newBuilder().setRevision(index)
        .setRestore(RestoreResult.newBuilder().setKeys(s.getKvsCount()).setRegistrants(s.getRegistrantsCount()))
        .build();
  }

  private static CommandResult error(long index, RegistryError error) {
    return CommandResult.newBuilder().setRevision(index).setError(error).build();
  }
}
