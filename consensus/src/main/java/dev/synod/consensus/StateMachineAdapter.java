package dev.synod.consensus;

import dev.synod.consensus.Frames.Frame;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.locks.ReentrantReadWriteLock;
import java.util.function.Supplier;
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
 * prepares and snapshot captures take the read lock. Apply, capture and reload all run on Ratis' single state
 * machine updater thread, so a snapshot always matches the last applied term and index; a {@link SnapshotWriter}
 * writes it. Every entry carries a batch of commands ({@link Frames}); each is prepared, applied and answered on
 * its own.
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
  private final SnapshotWriter writer;
  private final AtomicInteger synchronousSnapshots = new AtomicInteger();
  private final ReentrantReadWriteLock lock = new ReentrantReadWriteLock();
  private final AppliedIndexWaiters appliedWaiters = new AppliedIndexWaiters();
  private volatile Optional<SnapshotStore.Loaded> initialSnapshot;
  private volatile long appliedRevision;

  StateMachineAdapter(ReplicatedStateMachine stateMachine, SnapshotStore store,
      Optional<SnapshotStore.Loaded> initialSnapshot, Hooks hooks, long maxEntryBytes, String nodeId) {
    this.stateMachine = stateMachine;
    this.store = store;
    this.writer = new SnapshotWriter(store, nodeId + "-snapshot-writer");
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
    writer.awaitIdle(); // a write still running must not land after the installed snapshot is read
    Optional<SnapshotStore.Loaded> loaded = store.loadLatest();
    restore(loaded);
    loaded.ifPresent(l -> LOG.info("Reloaded state from installed snapshot {}", l.file()));
    lc.compareAndTransition(LifeCycle.State.STARTING, LifeCycle.State.RUNNING);
  }

  /** Ratis closes the state machine after its updater stopped; a snapshot still being written is finished. */
  @Override
  public void close() throws IOException {
    try {
      writer.close();
    } finally {
      getLifeCycle().checkStateAndClose();
    }
  }

  private void restore(Optional<SnapshotStore.Loaded> snapshot) {
    snapshot.ifPresent(s -> {
      lock.writeLock().lock();
      try {
        stateMachine.restore(s.payload());
        setLastAppliedTermIndex(s.file().getTermIndex());
        appliedRevision = Revisions.lastOf(s.file().getIndex());
      } finally {
        lock.writeLock().unlock();
      }
      appliedWaiters.advance(s.file().getIndex());
    });
  }

  /** Reads waiting for this member to apply their read index. */
  AppliedIndexWaiters appliedWaiters() {
    return appliedWaiters;
  }

  /** Every apply (entries, and the configuration entries Ratis reports through here) wakes the reads it serves. */
  @Override
  protected boolean updateLastAppliedTermIndex(TermIndex newTermIndex) {
    boolean changed = super.updateLastAppliedTermIndex(newTermIndex);
    appliedWaiters.advance(newTermIndex.getIndex());
    return changed;
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

  /**
   * Ratis calls this on its state machine updater. Applies wait only while the state is captured; the writer
   * serializes, writes and fsyncs it in the background (see {@link SnapshotWriter}). A snapshot someone waits for
   * (an operator's request, the one taken on close) is written here before this returns.
   */
  @Override
  public long takeSnapshot() throws IOException {
    if (synchronousSnapshots.get() > 0) {
      writer.awaitIdle();
      Capture c = capture();
      return c.image() == null ? c.index() : SnapshotWriter.write(store, c.term(), c.index(), c.image()).getIndex();
    }
    OptionalLong answer = writer.answerWithoutCapture();
    if (answer.isPresent()) {
      return answer.getAsLong();
    }
    Capture c = capture();
    if (c.image() == null) {
      return c.index();
    }
    writer.start(c.term(), c.index(), c.image());
    return writer.durableIndex();
  }

  /** Snapshots taken from now until {@link #endSynchronousSnapshots} are written before Ratis is answered. */
  void beginSynchronousSnapshots() {
    synchronousSnapshots.incrementAndGet();
  }

  void endSynchronousSnapshots() {
    synchronousSnapshots.decrementAndGet();
  }

  /** The state at the last applied entry; no image when there is nothing new to snapshot (then index says why). */
  private record Capture(long term, long index, Supplier<byte[]> image) {}

  private Capture capture() {
    lock.readLock().lock();
    try {
      TermIndex applied = getLastAppliedTermIndex();
      SnapshotFile latest = store.getLatestSnapshot();
      if (applied == null || applied.getIndex() < 0) {
        return new Capture(-1, RaftLog.INVALID_LOG_INDEX, null);
      }
      if (latest != null && latest.getIndex() >= applied.getIndex()) {
        return new Capture(latest.getTerm(), latest.getIndex(), null);
      }
      return new Capture(applied.getTerm(), applied.getIndex(), stateMachine.captureSnapshot());
    } finally {
      lock.readLock().unlock();
    }
  }

  // --- reads ---

  /**
   * Ratis' read path serves only as the barrier of {@link LinearizableReads}: once Ratis calls this, this member
   * has applied the leader's read index. The reads themselves go to {@link #queryLocal} afterwards.
   */
  @Override
  public CompletableFuture<Message> query(Message request) {
    return CompletableFuture.completedFuture(Message.EMPTY);
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

  /**
   * Prepares every command of the proposed batch on the leader. A command prepare refuses (or that grows past the
   * entry limit) stays in the entry as REJECTED with its reason, so only its own writer gets the error.
   */
  @Override
  public TransactionContext startTransaction(RaftClientRequest request) {
    TransactionContext.Builder b = TransactionContext.newBuilder().setStateMachine(this).setClientRequest(request);
    List<Frame> proposal;
    try {
      proposal = Frames.decode("proposal", request.getMessage().getContent().toByteArray());
    } catch (IllegalArgumentException e) {
      TransactionContext trx = b.build();
      trx.setException(e); // Ratis replies with a StateMachineException; nothing is appended
      return trx;
    }
    List<Frame> entry = new ArrayList<>(proposal.size());
    lock.readLock().lock();
    try {
      for (Frame command : proposal) {
        entry.add(prepare(command));
      }
    } finally {
      lock.readLock().unlock();
    }
    return b.setLogData(UnsafeByteOperations.unsafeWrap(Frames.encode(fitted(entry)))).build();
  }

  private Frame prepare(Frame command) {
    if (command.kind() != Frames.Kind.COMMAND) {
      return rejected("proposal frame kind: " + command.kind() + " (expected: COMMAND)");
    }
    try {
      byte[] prepared = stateMachine.prepare(command.payload());
      if (prepared == null) {
        return rejected("prepare returned no entry");
      }
      if (prepared.length > maxEntryBytes) {
        return rejected("entry: " + prepared.length + " bytes (expected: <= " + maxEntryBytes + ")");
      }
      return new Frame(Frames.Kind.PREPARED, prepared);
    } catch (IllegalArgumentException e) {
      return rejected(String.valueOf(e.getMessage()));
    } catch (RuntimeException e) {
      LOG.warn("prepare threw unexpectedly; rejecting the command", e);
      return rejected("prepare failed: " + e);
    }
  }

  /** The node caps a batch well below the limit, so this only guards against prepare inflating it. */
  private List<Frame> fitted(List<Frame> entry) {
    int size = Frames.encodedSize(entry);
    if (entry.size() == 1 || size <= maxEntryBytes) {
      return entry;
    }
    Frame tooBig = rejected("batch: " + size + " bytes after prepare (expected: <= " + maxEntryBytes
        + "); the write was not applied, retry it");
    return entry.stream().map(f -> tooBig).toList();
  }

  private static Frame rejected(String reason) {
    return new Frame(Frames.Kind.REJECTED, reason.getBytes(StandardCharsets.UTF_8));
  }

  /** Applies each command of the entry at its own revision (see {@link Revisions}) and replies with every result. */
  @Override
  public CompletableFuture<Message> applyTransaction(TransactionContext trx) {
    LogEntryProto logEntry = trx.getLogEntry();
    long index = logEntry.getIndex();
    List<Frame> entry;
    try {
      entry = Frames.decode("entry", logEntry.getStateMachineLogEntry().getLogData().toByteArray());
    } catch (IllegalArgumentException e) {
      // Every replica reads the same bytes and skips the same entry; the writer gets the error.
      LOG.error("entry at index {} is no batch; skipped", index, e);
      updateLastAppliedTermIndex(logEntry.getTerm(), index);
      return CompletableFuture.failedFuture(e);
    }
    List<Frame> results = new ArrayList<>(entry.size());
    lock.writeLock().lock();
    try {
      for (int slot = 0; slot < entry.size(); slot++) {
        results.add(apply(index, slot, entry.get(slot)));
      }
      appliedRevision = Revisions.of(index, entry.size() - 1);
    } finally {
      updateLastAppliedTermIndex(logEntry.getTerm(), index);
      lock.writeLock().unlock();
    }
    hooks.applied(index);
    return CompletableFuture.completedFuture(toMessage(Frames.encode(results)));
  }

  private Frame apply(long index, int slot, Frame prepared) {
    if (prepared.kind() != Frames.Kind.PREPARED) {
      return prepared; // REJECTED on the leader: the reason goes back to its writer
    }
    long revision = Revisions.of(index, slot);
    try {
      byte[] result = stateMachine.apply(revision, prepared.payload());
      return new Frame(Frames.Kind.RESULT, result == null ? new byte[0] : result);
    } catch (RuntimeException e) {
      // A contract breach (apply must encode errors in its result). Throwing would stop the server, so the
      // command counts as applied, its writer gets the error, and it is logged loudly.
      LOG.error("apply threw at revision {} (index {}, slot {}); the command is skipped", revision, index, slot, e);
      return new Frame(Frames.Kind.FAILED, String.valueOf(e).getBytes(StandardCharsets.UTF_8));
    }
  }

  /** The revision of the last command applied (after a snapshot, the highest its entry could hold). */
  long appliedRevision() {
    return appliedRevision;
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
