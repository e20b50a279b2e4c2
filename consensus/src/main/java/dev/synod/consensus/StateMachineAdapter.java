package dev.synod.consensus;

import java.io.IOException;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import org.apache.ratis.proto.RaftProtos.LogEntryProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.protocol.Message;
import org.apache.ratis.protocol.RaftClientRequest;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftGroupMemberId;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.protocol.TermIndex;
import org.apache.ratis.server.raftlog.RaftLog;
import org.apache.ratis.server.storage.RaftStorage;
import org.apache.ratis.statemachine.TransactionContext;
import org.apache.ratis.statemachine.impl.BaseStateMachine;
import org.apache.ratis.thirdparty.com.google.protobuf.ByteString;
import org.apache.ratis.thirdparty.com.google.protobuf.UnsafeByteOperations;
import org.apache.ratis.util.LifeCycle;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Runs a {@link ReplicatedStateMachine} inside Ratis. Applies (and restores) take the write lock; queries,
 * prepares and snapshots take the read lock. Apply, snapshot and reload all run on Ratis' single state machine
 * updater thread, so a snapshot always matches the last applied term and index.
 */
final class StateMachineAdapter extends BaseStateMachine {
  private static final Logger LOG = LoggerFactory.getLogger(StateMachineAdapter.class);

  /** What the adapter reports to the node. Called on Ratis threads; must not block. */
  interface Hooks {
    void leaderChanged(Optional<String> leaderId);

    void configurationCommitted(RaftConfigurationProto conf);

    void applied(long index);
  }

  private final ReplicatedStateMachine stateMachine;
  private final SnapshotStore store;
  private final Hooks hooks;
  private final long maxEntryBytes;
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private volatile Optional<SnapshotStore.Loaded> initialSnapshot;

  StateMachineAdapter(ReplicatedStateMachine stateMachine, SnapshotStore store,
      Optional<SnapshotStore.Loaded> initialSnapshot, Hooks hooks, long maxEntryBytes) {
    this.stateMachine = stateMachine;
    this.store = store;
    this.initialSnapshot = initialSnapshot;
    this.hooks = hooks;
    this.maxEntryBytes = maxEntryBytes;
  }

  // --- lifecycle ---

  @Override
  public void initialize(RaftServer server, RaftGroupId groupId, RaftStorage storage) throws IOException {
    super.initialize(server, groupId, storage);
    getLifeCycle().startAndTransition(() -> {
      // The snapshot was read and verified before the server was built (a corrupt one stops the start there).
      restore(initialSnapshot);
      initialSnapshot = Optional.empty();
    });
  }

  @Override
  public void pause() {
    // Ratis pauses once per snapshot chunk received; only the first call changes anything.
    LifeCycle lc = getLifeCycle();
    if (lc.compareAndTransition(LifeCycle.State.RUNNING, LifeCycle.State.PAUSING)) {
      lc.transition(LifeCycle.State.PAUSED);
    }
  }

  /** Called after a snapshot from the leader replaced the snapshot directory: load it. */
  @Override
  public void reinitialize() throws IOException {
    LifeCycle lc = getLifeCycle();
    lc.compareAndTransition(LifeCycle.State.PAUSED, LifeCycle.State.STARTING);
    Optional<SnapshotStore.Loaded> loaded = store.loadLatest();
    restore(loaded);
    loaded.ifPresent(l -> LOG.info("Reloaded state from installed snapshot {}", l.file()));
    lc.compareAndTransition(LifeCycle.State.STARTING, LifeCycle.State.RUNNING);
  }

  @Override
  public void close() {
    getLifeCycle().checkStateAndClose();
  }

  private void restore(Optional<SnapshotStore.Loaded> snapshot) {
    snapshot.ifPresent(s -> {
      lock.writeLock().lock();
      try {
        stateMachine.restore(s.payload());
        setLastAppliedTermIndex(s.file().getTermIndex());
      } finally {
        lock.writeLock().unlock();
      }
    });
  }

  // --- snapshots ---

  @Override
  public SnapshotStore getStateMachineStorage() {
    return store;
  }

  @Override
  public SnapshotFile getLatestSnapshot() {
    return store.getLatestSnapshot();
  }

  @Override
  public long takeSnapshot() throws IOException {
    TermIndex applied;
    byte[] payload;
    lock.readLock().lock();
    try {
      applied = getLastAppliedTermIndex();
      SnapshotFile latest = store.getLatestSnapshot();
      if (applied == null || applied.getIndex() < 0) {
        return RaftLog.INVALID_LOG_INDEX;
      }
      if (latest != null && latest.getIndex() >= applied.getIndex()) {
        return latest.getIndex();
      }
      payload = stateMachine.snapshot();
    } finally {
      lock.readLock().unlock();
    }
    SnapshotFile written = store.write(applied.getTerm(), applied.getIndex(), payload);
    LOG.info("Wrote snapshot {} ({} bytes of state)", written, payload.length);
    return applied.getIndex();
  }

  // --- reads ---

  @Override
  public CompletableFuture<Message> query(Message request) {
    try {
      return CompletableFuture.completedFuture(toMessage(queryLocal(request.getContent().toByteArray())));
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  byte[] queryLocal(byte[] query) {
    lock.readLock().lock();
    try {
      return stateMachine.query(query);
    } finally {
      lock.readLock().unlock();
    }
  }

  // --- writes ---

  @Override
  public TransactionContext startTransaction(RaftClientRequest request) {
    TransactionContext.Builder b = TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request);
    Exception rejected = null;
    lock.readLock().lock();
    try {
      byte[] entry = stateMachine.prepare(request.getMessage().getContent().toByteArray());
      if (entry == null) {
        rejected = new IllegalArgumentException("prepare returned no entry");
      } else if (entry.length > maxEntryBytes) {
        rejected = new IllegalArgumentException(
            "entry: " + entry.length + " bytes (expected: <= " + maxEntryBytes + ")");
      } else {
        b.setLogData(UnsafeByteOperations.unsafeWrap(entry));
      }
    } catch (IllegalArgumentException e) {
      rejected = e;
    } catch (RuntimeException e) {
      LOG.warn("prepare threw unexpectedly; rejecting the proposal", e);
      rejected = new IllegalArgumentException("prepare failed: " + e, e);
    } finally {
      lock.readLock().unlock();
    }
    TransactionContext trx = b.build();
    if (rejected != null) {
      // Ratis replies to the writer with a StateMachineException carrying this; nothing is appended.
      trx.setException(rejected);
    }
    return trx;
  }

  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto entry = trx.getLogEntry();
    long index = entry.getIndex();
    byte[] data = entry.getStateMachineLogEntry().getLogData().toByteArray();
    byte[] result;
    lock.writeLock().lock();
    try {
      result = stateMachine.apply(index, data);
    } catch (RuntimeException e) {
      // A contract breach (apply must encode errors in its result). Throwing here would stop the server, so
      // the entry counts as applied, the writer gets the error, and it is logged loudly.
      LOG.error("apply threw at index {}; the entry is skipped", index, e);
      return CompletableFuture.failedFuture(e);
    } finally {
      updateLastAppliedTermIndex(entry.getTerm(), index);
      lock.writeLock().unlock();
    }
    hooks.applied(index);
    return CompletableFuture.completedFuture(toMessage(result));
  }

  // --- events ---

  @Override
  public void notifyLeaderChanged(RaftGroupMemberId groupMemberId, RaftPeerId newLeaderId) {
    hooks.leaderChanged(Optional.ofNullable(newLeaderId).map(RaftPeerId::toString));
  }

  @Override
  public void notifyConfigurationChanged(long term, long index, RaftConfigurationProto newConf) {
    hooks.configurationCommitted(newConf);
  }

  private static Message toMessage(byte[] bytes) {
    return Message.valueOf(bytes == null ? ByteString.EMPTY : UnsafeByteOperations.unsafeWrap(bytes));
  }
}
