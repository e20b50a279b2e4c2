package dev.synod.consensus;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.HashSet;
import java.util.List;
import java.util.Objects;
import java.util.Optional;
import java.util.Set;
import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.ThreadFactory;
import java.util.concurrent.TimeUnit;
import java.util.concurrent.TimeoutException;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;
import java.util.concurrent.atomic.AtomicReference;
import java.util.function.Supplier;
import java.util.stream.Collectors;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.CommitInfoProto;
import org.apache.ratis.proto.RaftProtos.RaftConfigurationProto;
import org.apache.ratis.proto.RaftProtos.RaftPeerRole;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.RaftClientReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftGroupId;
import org.apache.ratis.protocol.RaftPeer;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.protocol.SnapshotManagementRequest;
import org.apache.ratis.server.DivisionInfo;
import org.apache.ratis.server.RaftConfiguration;
import org.apache.ratis.server.RaftServer;
import org.apache.ratis.server.storage.RaftStorage;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * One member of a Raft group replicating a {@link ReplicatedStateMachine}: writes from any member go to the
 * leader, reads are linearizable (ReadIndex, on any member) or stale (local), and the group can change leader and
 * membership. Created by {@link #start}; {@link #close} stops it gracefully.
 */
public final class RaftNode implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(RaftNode.class);
  /** A follower silent for this many election timeouts gets a new connection ({@link SilentFollowerRedial}). */
  static final int SILENT_FOLLOWER_ELECTION_TIMEOUTS = 3;

  private final String nodeId;
  private final RaftPeerId selfId;
  private final RaftGroupId groupId;
  private final ConsensusSettings settings;
  private final ListenerDispatcher dispatcher;
  private final ScheduledExecutorService timer;
  private final ExecutorService admin;
  private final ExecutorService probeThreads;
  private final ExecutorService queryThreads;
  private final ExecutorService replyThreads;
  private final AtomicReference<RaftServer.Division> division = new AtomicReference<>();
  private final AtomicLong callIds = new AtomicLong();
  private final ClientId adminClientId = ClientId.randomId();
  private final AtomicBoolean closed = new AtomicBoolean();
  private volatile boolean joining;
  // Set once while starting; read by Ratis threads (hooks) as well as by callers.
  private volatile RaftServer server;
  private volatile StateMachineAdapter adapter;
  private volatile SnapshotStore store;
  private volatile LeaderClient leaderClient;
  private volatile WriteBatcher batcher;
  private volatile LocalLeaderWrites localWrites;
  private volatile MemberProbes probes;
  private LinearizableReads reads;
  private Reconfiguration reconfiguration;
  private SilentFollowerRedial redial;

  private RaftNode(String nodeId, RaftGroupId groupId, ConsensusSettings settings) {
    this.nodeId = nodeId;
    this.selfId = RaftPeerId.valueOf(nodeId);
    this.groupId = groupId;
    this.settings = settings;
    this.dispatcher = new ListenerDispatcher(nodeId);
    this.timer = Executors.newSingleThreadScheduledExecutor(daemon("synod-consensus-timer-" + nodeId));
    this.admin = Executors.newCachedThreadPool(daemon("synod-consensus-admin-" + nodeId));
    this.probeThreads = Executors.newCachedThreadPool(daemon("synod-consensus-probe-" + nodeId));
    this.queryThreads = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        daemon("synod-consensus-query-" + nodeId));
    this.replyThreads = Executors.newFixedThreadPool(Math.max(2, Runtime.getRuntime().availableProcessors()),
        daemon("synod-consensus-reply-" + nodeId));
  }

  /**
   * Starts (FORMAT on first boot, when the storage dir has no directory for this group yet; RECOVER otherwise).
   * {@code groupKey} (e.g. the cluster id) becomes the Raft group id through {@link UUID#nameUUIDFromBytes}.
   * Empty {@code initialPeers} starts with an empty configuration, waiting to be added by the leader.
   *
   * @throws CorruptSnapshotException if the newest snapshot on disk fails validation
   */
  public static RaftNode start(String nodeId, String raftAddress, String groupKey, Path storageDir,
      List<PeerAddress> initialPeers, ConsensusSettings settings, ReplicatedStateMachine stateMachine)
      throws IOException {
    requireNonBlank("nodeId", nodeId);
    requireNonBlank("groupKey", groupKey);
    Objects.requireNonNull(raftAddress, "raftAddress");
    Objects.requireNonNull(storageDir, "storageDir");
    Objects.requireNonNull(settings, "settings");
    Objects.requireNonNull(stateMachine, "stateMachine");
    HostPort bind = HostPort.parse("raftAddress", raftAddress);
    checkInitialPeers(nodeId, initialPeers);

    RaftGroupId groupId = RaftGroupId.valueOf(UUID.nameUUIDFromBytes(groupKey.getBytes(StandardCharsets.UTF_8)));
    Files.createDirectories(storageDir);
    Path groupDir = storageDir.toAbsolutePath().resolve(groupId.getUuid().toString());
    boolean recover = Files.isDirectory(groupDir);
    // Ratis keeps the state machine's files in <group>/sm; the snapshot is read and verified before any port opens.
    SnapshotStore store = new SnapshotStore(groupDir.resolve("sm"));
    Optional<SnapshotStore.Loaded> initial = recover ? store.loadLatest() : Optional.empty();

    RaftNode node = new RaftNode(nodeId, groupId, settings);
    try {
      node.startServer(bind, storageDir.toAbsolutePath(), initialPeers, recover, store, initial, stateMachine);
      return node;
    } catch (IOException | RuntimeException e) {
      node.close();
      throw e;
    }
  }

  private void startServer(HostPort bind, Path storageDir, List<PeerAddress> initialPeers, boolean recover,
      SnapshotStore snapshots, Optional<SnapshotStore.Loaded> initial, ReplicatedStateMachine stateMachine)
      throws IOException {
    RaftProperties properties = RatisProperties.of(settings, storageDir, bind);
    Parameters parameters = RatisParameters.of(settings);
    this.store = snapshots;
    this.adapter = new StateMachineAdapter(stateMachine, snapshots, initial, new Hooks(), settings.maxEntryBytes(),
        nodeId);
    this.joining = initialPeers.isEmpty();
    // A joiner starts as a listener of a configuration holding only itself. With a truly empty group Ratis runs
    // it as a FOLLOWER that is in no configuration; if it ever missed heartbeats it would campaign, find itself
    // NOT_IN_CONF and shut down, and a listener of the group would never become a LISTENER internally. The
    // leader's configuration replaces this placeholder (log index -1) as soon as the node is added.
    RaftGroup group = joining
        ? RaftGroup.valueOf(groupId, RaftPeer.newBuilder().setId(selfId).setAddress(bind.host() + ":" + bind.port())
            .setStartupRole(RaftPeerRole.LISTENER).build())
        : RaftGroup.valueOf(groupId, initialPeers.stream().map(p -> RaftPeer.newBuilder().setId(p.id())
            .setAddress(p.address()).setStartupRole(RaftPeerRole.FOLLOWER).build()).toList());
    this.server = RaftServer.newBuilder().setServerId(selfId).setGroup(group).setStateMachine(adapter)
        .setProperties(properties).setParameters(parameters)
        .setOption(recover ? RaftStorage.StartupOption.RECOVER : RaftStorage.StartupOption.FORMAT)
        .build();
    server.start();
    division.set(server.getDivision(groupId));
    Supplier<RaftGroup> currentGroup =
        () -> isMember(division.get()) ? division.get().getGroup() : RaftGroup.valueOf(groupId);
    this.leaderClient = new LeaderClient(properties, parameters, settings, currentGroup, this::leaderId, timer);
    this.localWrites = new LocalLeaderWrites(server, division::get, selfId, groupId, this::leaderId,
        leaderClient::resend, timer, replyThreads, settings.requestTimeout());
    leaderClient.writeLocallyWhileLeading(localWrites);
    this.batcher = new WriteBatcher(leaderClient::write, settings.writeBatchesInFlight(), settings.maxEntryBytes() / 2);
    this.probes = new MemberProbes(properties, parameters, settings.electionTimeoutMin(), currentGroup,
        probeThreads, timer);
    Supplier<Optional<Leadership>> view = () -> GroupView.leadership(division.get());
    ReadFence fence = new ReadFence(nodeId, view, () -> GroupView.voterSets(division.get()), probes::probe,
        () -> GroupView.leaderReadIndex(division.get()));
    this.reads = new LinearizableReads(server, selfId, groupId, settings, timer, queryThreads, adapter::queryLocal,
        this::leaderId, view, fence, adapter.appliedWaiters());
    this.reconfiguration = new Reconfiguration(division.get(), leaderClient, settings, this::leaderId);
    new DivisionWatch(division.get(), selfId, this::restartNeeded).start(timer);
    this.redial = new SilentFollowerRedial(division::get,
        peer -> server.getServerRpc().handleException(peer, new IOException("silent follower"), true),
        settings.electionTimeoutMax().multipliedBy(SILENT_FOLLOWER_ELECTION_TIMEOUTS), admin);
    redial.start(timer);
    LOG.info("Raft node {} started ({}) in group {} at {} ({})", nodeId, recover ? "recovered" : "formatted",
        groupId.getUuid(), bind, settings.tls().isPresent() ? "mutual TLS" : "plaintext");
  }

  /** Replicates a command; any member accepts it. Fails with {@link NotLeaderOrUnavailableException} when no
   *  leader took it within {@code requestTimeout}, or {@link IllegalArgumentException} when prepare rejected it. */
  public CompletableFuture<WriteResult> write(byte[] command) {
    Objects.requireNonNull(command, "command");
    if (command.length > settings.maxEntryBytes()) {
      return CompletableFuture.failedFuture(new IllegalArgumentException(
          "command: " + command.length + " bytes (expected: <= " + settings.maxEntryBytes() + ")"));
    }
    return batcher.write(command);
  }

  /**
   * Writes this node proposed while leading and sent again because they failed before an answer (leadership
   * moved away under them, or the leader was not ready yet), since start.
   */
  public long localWriteResends() {
    LocalLeaderWrites w = localWrites;
    return w == null ? 0 : w.resends();
  }

  /**
   * Ratis ReadIndex barriers this member ran for linearizable reads since start: a follower's fallback when a
   * leadership round learned no read index (the leader's last committed entry was purged after a snapshot).
   */
  public long readBarriers() {
    return reads.barrierRounds();
  }

  /** Times this member, leading, gave a follower that had stopped answering a new connection, since start. */
  public long followerRedials() {
    return redial.redials();
  }

  /** A linearizable read (ReadIndex), served by this member once it has applied the leader's commit index. */
  public CompletableFuture<byte[]> readLinearizable(byte[] query) {
    Objects.requireNonNull(query, "query");
    return reads.read(query);
  }

  /** A read of this member's local state, which may lag the leader; no Raft round. */
  public byte[] readStale(byte[] query) {
    Objects.requireNonNull(query, "query");
    return adapter.queryLocal(query);
  }

  public ConsensusStatus status() {
    RaftServer.Division d = division.get();
    DivisionInfo info = d.getInfo();
    long snapshotIndex = Optional.ofNullable(store.getLatestSnapshot()).map(SnapshotFile::getIndex).orElse(-1L);
    Optional<String> leader = leaderId();
    return new ConsensusStatus(nodeId, role(d), info.getCurrentTerm(), leader,
        d.getRaftLog().getLastCommittedIndex(), leader.map(l -> reportedCommitIndex(d, l)).orElse(-1L),
        adapter.getLastAppliedTermIndex().getIndex(), adapter.appliedRevision(), snapshotIndex);
  }

  /** {@code peer}'s commit index as this member last heard it: every append carries the leader's commit infos. */
  private static long reportedCommitIndex(RaftServer.Division d, String peer) {
    return d.getCommitInfos().stream().filter(c -> c.getServer().getId().toStringUtf8().equals(peer))
        .mapToLong(CommitInfoProto::getCommitIndex).findFirst().orElse(-1L);
  }

  /** The current configuration: voters, then learners; progress (match index, last contact) only on the leader. */
  public List<PeerInfo> peers() {
    RaftServer.Division d = division.get();
    return isMember(d) ? PeerView.of(d) : List.of();
  }

  public CompletableFuture<Void> transferLeadership(String targetId, Duration timeout) {
    Objects.requireNonNull(timeout, "timeout");
    boolean voter = reconfiguration.committed().map(m -> m.isVoter(targetId)).orElse(true);
    if (!voter) {
      return CompletableFuture.failedFuture(
          new IllegalArgumentException("targetId: " + targetId + " (expected: a voter of the group)"));
    }
    return runAdmin(() -> leaderClient.transferLeadership(targetId, timeout));
  }

  /** Adds a non-voting learner (a Ratis listener); it receives the log (or a snapshot) but does not vote. */
  public CompletableFuture<Void> addLearner(PeerAddress peer) {
    Objects.requireNonNull(peer, "peer");
    return runAdmin(() -> reconfiguration.addLearner(peer));
  }

  /** Turns a learner into a voter. */
  public CompletableFuture<Void> promote(String id) {
    return runAdmin(() -> reconfiguration.promote(id));
  }

  /**
   * Removes a voter or learner. Ratis stops the removed server (see {@link ConsensusListener#onRestartNeeded}); a new
   * RaftNode over its storage can be added back.
   */
  public CompletableFuture<Void> removePeer(String id) {
    return runAdmin(() -> reconfiguration.remove(id));
  }

  /** Takes a snapshot now (if anything was applied since the last one) and returns its index. */
  public long takeSnapshot() throws IOException {
    long timeoutMs = settings.adminTimeout().toMillis();
    SnapshotManagementRequest request = SnapshotManagementRequest.newCreate(
        adminClientId, selfId, groupId, callIds.incrementAndGet(), timeoutMs, 1);
    adapter.beginSynchronousSnapshots(); // the reply must name a snapshot that is already durable
    try {
      RaftClientReply reply = server.snapshotManagementAsync(request).get(timeoutMs, TimeUnit.MILLISECONDS);
      if (!reply.isSuccess()) {
        throw new IOException("snapshot failed on " + nodeId, reply.getException());
      }
      return reply.getLogIndex();
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IOException("interrupted while taking a snapshot", e);
    } catch (ExecutionException | TimeoutException e) {
      throw new IOException("snapshot failed on " + nodeId, LeaderClient.unwrap(e));
    } finally {
      adapter.endSynchronousSnapshots();
    }
  }

  /** Listener callbacks run serialized, in order, on one thread. */
  public void addListener(ConsensusListener listener) {
    dispatcher.add(Objects.requireNonNull(listener, "listener"));
  }

  public String nodeId() {
    return nodeId;
  }

  /** Stops gracefully: committed entries are applied, the log is closed, and listeners stop receiving events. */
  @Override
  public void close() {
    if (!closed.compareAndSet(false, true)) {
      return;
    }
    if (leaderClient != null) {
      leaderClient.close();
    }
    if (probes != null) {
      probes.close();
    }
    if (adapter != null) {
      adapter.beginSynchronousSnapshots(); // the snapshot taken on close is written before the server stops
    }
    if (server != null) {
      try {
        server.close();
      } catch (IOException | RuntimeException e) {
        LOG.warn("Closing Raft server {} failed", nodeId, e);
      }
    }
    timer.shutdownNow();
    if (localWrites != null) {
      localWrites.close();
    }
    admin.shutdownNow();
    probeThreads.shutdownNow();
    queryThreads.shutdownNow();
    replyThreads.shutdownNow();
    dispatcher.close();
  }

  /** The division cannot serve on its own any more (see {@link DivisionWatch}); the listeners decide what follows. */
  private void restartNeeded(String reason) {
    if (closed.get()) {
      return; // our own close() stopped it
    }
    LOG.warn("Raft server of {} in group {} needs a restart: {}", nodeId, groupId.getUuid(), reason);
    dispatcher.restartNeeded(reason);
  }

  /**
   * The leader this member knows, as in {@link #status()} but without the rest of it (every API response names the
   * leader). A stopped division keeps its last leader id; it knows no leader any more.
   */
  public Optional<String> leaderId() {
    RaftServer.Division d = division.get();
    if (d == null || !d.getInfo().isAlive()) {
      return Optional.empty();
    }
    return Optional.ofNullable(d.getInfo().getLeaderId()).map(RaftPeerId::toString);
  }

  /**
   * In a configuration that came from the group (not the joiner's placeholder), as voter or learner. Only the new
   * half of a transitional configuration counts: a server listed only in the old half is being removed.
   */
  private boolean isMember(RaftServer.Division d) {
    RaftConfiguration conf = d.getRaftConf();
    if (joining && conf.getLogEntryIndex() < 0) {
      return false;
    }
    return listed(conf, RaftPeerRole.FOLLOWER) || listed(conf, RaftPeerRole.LISTENER);
  }

  private boolean listed(RaftConfiguration conf, RaftPeerRole role) {
    return conf.getCurrentPeers(role).stream().anyMatch(p -> p.getId().equals(selfId));
  }

  private RaftRole role(RaftServer.Division d) {
    DivisionInfo info = d.getInfo();
    if (!info.isAlive() || !isMember(d)) {
      return RaftRole.NONE;
    }
    if (!listed(d.getRaftConf(), RaftPeerRole.FOLLOWER)) {
      return RaftRole.LEARNER;
    }
    return switch (info.getCurrentRole()) {
      case LEADER -> RaftRole.LEADER;
      case FOLLOWER -> RaftRole.FOLLOWER;
      case CANDIDATE -> RaftRole.CANDIDATE;
      case LISTENER -> RaftRole.LEARNER;
      default -> RaftRole.NONE;
    };
  }

  private interface AdminAction {
    void run() throws IOException;
  }

  private CompletableFuture<Void> runAdmin(AdminAction action) {
    CompletableFuture<Void> result = new CompletableFuture<>();
    try {
      admin.execute(() -> {
        try {
          action.run();
          result.complete(null);
        } catch (IOException | RuntimeException e) {
          result.completeExceptionally(e);
        }
      });
    } catch (RejectedExecutionException e) {
      result.completeExceptionally(new NotLeaderOrUnavailableException("consensus node is closed", leaderId(), e));
    }
    return result;
  }

  /** Ratis-side events, turned into listener events. */
  private final class Hooks implements StateMachineAdapter.Hooks {
    @Override
    public void leaderChanged(Optional<String> leader) {
      RaftServer.Division d = division.get();
      long term = 0;
      try {
        term = d != null ? d.getInfo().getCurrentTerm() : server.getDivision(groupId).getInfo().getCurrentTerm();
      } catch (IOException | RuntimeException e) {
        LOG.debug("Term unknown at leader change", e);
      }
      dispatcher.leaderChanged(leader, term);
    }

    private List<PeerInfo> lastDelivered = List.of();

    /** Every new leader commits the configuration again; listeners hear only actual membership changes. */
    @Override
    public synchronized void configurationCommitted(RaftConfigurationProto conf) {
      List<PeerInfo> peers = PeerView.of(conf, leaderId());
      if (leaderClient != null) {
        leaderClient.configurationChanged(
            peers.stream().map(p -> p.id() + "@" + p.address()).collect(Collectors.toUnmodifiableSet()));
      }
      if (!sameMembers(peers, lastDelivered)) {
        lastDelivered = peers;
        dispatcher.configurationChanged(peers);
      }
    }

    private boolean sameMembers(List<PeerInfo> a, List<PeerInfo> b) {
      return a.stream().map(p -> p.id() + "@" + p.address() + "/" + p.role()).collect(Collectors.toSet())
          .equals(b.stream().map(p -> p.id() + "@" + p.address() + "/" + p.role()).collect(Collectors.toSet()));
    }

    @Override
    public void applied(long index) {
      dispatcher.applied(index);
    }
  }

  private static void checkInitialPeers(String nodeId, List<PeerAddress> peers) {
    Objects.requireNonNull(peers, "initialPeers");
    Set<String> ids = new HashSet<>();
    for (PeerAddress p : peers) {
      if (!ids.add(Objects.requireNonNull(p, "initialPeers element").id())) {
        throw new IllegalArgumentException("initialPeers: duplicate id " + p.id() + " (expected: unique ids)");
      }
    }
    if (!peers.isEmpty() && !ids.contains(nodeId)) {
      throw new IllegalArgumentException("initialPeers: " + ids + " (expected: to contain nodeId " + nodeId + ")");
    }
  }

  private static void requireNonBlank(String field, String value) {
    if (value == null || value.isBlank()) {
      throw new IllegalArgumentException(field + ": '" + value + "' (expected: not blank)");
    }
  }

  private static ThreadFactory daemon(String name) {
    return r -> {
      Thread t = new Thread(r, name);
      t.setDaemon(true);
      return t;
    };
  }
}
