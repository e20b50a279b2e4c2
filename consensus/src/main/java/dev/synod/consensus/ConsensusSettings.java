package dev.synod.consensus;

import java.time.Duration;
import java.util.Objects;
import java.util.Optional;

/**
 * Typed, validated tuning for a {@link RaftNode}. Start from {@link #lan()} or {@link #local()} and adjust with
 * {@link #toBuilder()}. A builder rejects a bad value when it is set and a conflicting combination in
 * {@link Builder#build()}. Fsync of the Raft log is always on: there is deliberately no setting to disable it.
 */
public final class ConsensusSettings {
  private static final long KIB = 1024;
  private static final long MIB = 1024 * KIB;

  private final Duration electionTimeoutMin;
  private final Duration electionTimeoutMax;
  private final Duration requestTimeout;
  private final Duration readTimeout;
  private final Duration adminTimeout;
  private final Duration stagingTimeout;
  private final Duration leaderStepDownWait;
  private final Duration retryCacheExpiry;
  private final long snapshotAutoTriggerThreshold;
  private final boolean snapshotOnClose;
  private final int purgeGap;
  private final boolean purgeUptoSnapshot;
  private final long segmentSizeMax;
  private final long writeBufferSize;
  private final int forceSyncNum;
  private final long appenderBufferByteLimit;
  private final int outstandingAppendsMax;
  private final int clientOutstandingRequestsMax;
  private final int writeBatchesInFlight;
  private final int stagingCatchupGap;
  private final boolean installSnapshotEnabled;
  private final boolean preVote;
  private final RaftTls tls; // null: plaintext

  private ConsensusSettings(Builder b) {
    electionTimeoutMin = b.electionTimeoutMin;
    electionTimeoutMax = b.electionTimeoutMax;
    requestTimeout = b.requestTimeout;
    readTimeout = b.readTimeout;
    adminTimeout = b.adminTimeout;
    stagingTimeout = b.stagingTimeout;
    leaderStepDownWait = b.leaderStepDownWait;
    retryCacheExpiry = b.retryCacheExpiry;
    snapshotAutoTriggerThreshold = b.snapshotAutoTriggerThreshold;
    snapshotOnClose = b.snapshotOnClose;
    purgeGap = b.purgeGap;
    purgeUptoSnapshot = b.purgeUptoSnapshot;
    segmentSizeMax = b.segmentSizeMax;
    writeBufferSize = b.writeBufferSize;
    forceSyncNum = b.forceSyncNum;
    appenderBufferByteLimit = b.appenderBufferByteLimit;
    outstandingAppendsMax = b.outstandingAppendsMax;
    clientOutstandingRequestsMax = b.clientOutstandingRequestsMax;
    writeBatchesInFlight = b.writeBatchesInFlight;
    stagingCatchupGap = b.stagingCatchupGap;
    installSnapshotEnabled = b.installSnapshotEnabled;
    preVote = b.preVote;
    tls = b.tls;
  }

  /** A builder preset to {@link #lan()}. */
  public static Builder builder() {
    return new Builder();
  }

  /**
   * Servers on one LAN, 3 to 7 of them, possibly sharing a loaded 2-core machine. The values are chosen for
   * safety under GC and CPU contention first; benchmarks tune them.
   */
  public static ConsensusSettings lan() {
    return new Builder().build();
  }

  /**
   * A development cluster of processes on one machine: the same (conservative) timing as {@link #lan()}, because
   * one small machine running several JVMs is exactly where spurious elections happen, but a smaller memory and
   * disk footprint and more frequent snapshots.
   */
  public static ConsensusSettings local() {
    return new Builder()
        .requestTimeout(Duration.ofSeconds(5))
        .readTimeout(Duration.ofSeconds(5))
        .adminTimeout(Duration.ofSeconds(30))
        .snapshotAutoTriggerThreshold(10_000)
        .segmentSizeMax(8 * MIB)
        .appenderBufferByteLimit(1 * MIB)
        .writeBufferSize(2 * MIB)
        .clientOutstandingRequestsMax(256)
        .build();
  }

  public Builder toBuilder() {
    return new Builder(this);
  }

  /** Lower bound of the randomized election timeout; the leader heartbeats every half of it. */
  public Duration electionTimeoutMin() { return electionTimeoutMin; }
  /** Upper bound of the randomized election timeout. */
  public Duration electionTimeoutMax() { return electionTimeoutMax; }
  /** How long a write may wait for a leader (including retries) before it fails as unavailable. */
  public Duration requestTimeout() { return requestTimeout; }
  /** How long a linearizable read may wait for a read index and for this node to catch up to it. */
  public Duration readTimeout() { return readTimeout; }
  /** Deadline of membership changes and manual snapshots (they may include a snapshot transfer). */
  public Duration adminTimeout() { return adminTimeout; }
  /** A server being added fails if it makes no catch-up progress for this long. */
  public Duration stagingTimeout() { return stagingTimeout; }
  /** After stepping down for lost heartbeats (or a JVM pause this long), a server waits this long before running. */
  public Duration leaderStepDownWait() { return leaderStepDownWait; }
  /** How long the leader remembers client call ids to deduplicate retried writes. */
  public Duration retryCacheExpiry() { return retryCacheExpiry; }
  /** Take a snapshot automatically every this many applied entries. */
  public long snapshotAutoTriggerThreshold() { return snapshotAutoTriggerThreshold; }
  /** Take a snapshot on graceful close, so the next start replays less log. */
  public boolean snapshotOnClose() { return snapshotOnClose; }
  /** Minimum number of entries between two log purges. */
  public int purgeGap() { return purgeGap; }
  /** Purge the log up to the snapshot even if a follower still needs it (it then gets the snapshot). */
  public boolean purgeUptoSnapshot() { return purgeUptoSnapshot; }
  /** Maximum size of one log segment file, in bytes. */
  public long segmentSizeMax() { return segmentSizeMax; }
  /** Size of the log writer's buffer, in bytes; it must hold the largest entry. */
  public long writeBufferSize() { return writeBufferSize; }
  /** Group commit: the log is fsynced at the latest after this many pending entries (earlier when idle). */
  public int forceSyncNum() { return forceSyncNum; }
  /** Maximum bytes of entries in one append (and of one snapshot chunk); it also caps one entry's size. */
  public long appenderBufferByteLimit() { return appenderBufferByteLimit; }
  /** Pipelining: appends in flight to one follower. */
  public int outstandingAppendsMax() { return outstandingAppendsMax; }
  /** Writes in flight from this node's internal client to the leader. */
  public int clientOutstandingRequestsMax() { return clientOutstandingRequestsMax; }
  /** Batches of writes (one Raft entry each) a node has on their way to the leader at once; see WriteBatcher. */
  public int writeBatchesInFlight() { return writeBatchesInFlight; }
  /** A new server counts as caught up once it is within this many entries of the leader. */
  public int stagingCatchupGap() { return stagingCatchupGap; }
  /** The leader streams snapshots to followers behind its log start. Must be true (see {@link Builder#build()}). */
  public boolean installSnapshotEnabled() { return installSnapshotEnabled; }
  /** Pre-vote keeps a partitioned server from disrupting the group when it comes back. */
  public boolean preVote() { return preVote; }
  /** Mutual TLS on every Raft connection (peers, this node's clients); empty means plaintext. */
  public Optional<RaftTls> tls() { return Optional.ofNullable(tls); }

  /** The largest command (and prepared entry) accepted, leaving room for the entry's framing. */
  long maxEntryBytes() {
    return appenderBufferByteLimit - 4 * KIB;
  }

  @Override
  public String toString() {
    return "ConsensusSettings{electionTimeout=" + electionTimeoutMin + ".." + electionTimeoutMax
        + ", requestTimeout=" + requestTimeout + ", readTimeout=" + readTimeout + ", adminTimeout=" + adminTimeout
        + ", stagingTimeout=" + stagingTimeout + ", leaderStepDownWait=" + leaderStepDownWait
        + ", retryCacheExpiry=" + retryCacheExpiry + ", snapshotAutoTriggerThreshold=" + snapshotAutoTriggerThreshold
        + ", snapshotOnClose=" + snapshotOnClose + ", purgeGap=" + purgeGap + ", purgeUptoSnapshot=" + purgeUptoSnapshot
        + ", segmentSizeMax=" + segmentSizeMax + ", writeBufferSize=" + writeBufferSize
        + ", forceSyncNum=" + forceSyncNum + ", appenderBufferByteLimit=" + appenderBufferByteLimit
        + ", outstandingAppendsMax=" + outstandingAppendsMax
        + ", clientOutstandingRequestsMax=" + clientOutstandingRequestsMax
        + ", writeBatchesInFlight=" + writeBatchesInFlight
        + ", stagingCatchupGap=" + stagingCatchupGap + ", installSnapshotEnabled=" + installSnapshotEnabled
        + ", preVote=" + preVote + ", tls=" + (tls != null ? "mutual" : "off") + "}";
  }

  /** Builds {@link ConsensusSettings}; starts from the {@link #lan()} values. */
  public static final class Builder {
    // lan() values. Election: a Ratis follower sleeps one random timeout, then checks whether the leader was
    // silent for all of it, so a crash is noticed after one to two timeouts: 0.5-1 s notices one in 0.7-1.3 s
    // with two followers (etcd's 1 s timeout: 1-1.7 s). The leader heartbeats every 250 ms, so a follower must
    // miss two. Ratis' 150-300 ms default invites spurious elections when 3-7 JVMs share 2 cores and GC pauses
    // stretch heartbeats.
    private Duration electionTimeoutMin = Duration.ofMillis(500);
    private Duration electionTimeoutMax = Duration.ofSeconds(1);
    // Covers a leader crash: detection (<= 2 s) + pre-vote and vote rounds + a retry, with margin.
    private Duration requestTimeout = Duration.ofSeconds(10);
    private Duration readTimeout = Duration.ofSeconds(10);
    // A membership change may include streaming a snapshot to the newcomer.
    private Duration adminTimeout = Duration.ofSeconds(60);
    // Ratis' default is 3 x electionTimeoutMax; a newcomer installing a snapshot needs longer on a busy box.
    private Duration stagingTimeout = Duration.ofSeconds(20);
    private Duration leaderStepDownWait = Duration.ofSeconds(10);
    private Duration retryCacheExpiry = Duration.ofSeconds(60);
    // etcd's --snapshot-count default; a restart replays at most this many entries.
    private long snapshotAutoTriggerThreshold = 100_000;
    private boolean snapshotOnClose = true;
    private int purgeGap = 1024;
    // Without it, one dead follower pins the whole log on every server forever.
    private boolean purgeUptoSnapshot = true;
    private long segmentSizeMax = 32 * MIB;
    private long writeBufferSize = 8 * MIB;
    // Ratis' default: the worker also flushes whenever its queue drains, so this only caps a burst.
    private int forceSyncNum = 128;
    private long appenderBufferByteLimit = 4 * MIB;
    // Ratis' default is 8; more appends in flight keep followers busy under many concurrent writers (unmeasured).
    private int outstandingAppendsMax = 32;
    // Ratis' default is 100 per client; one node funnels all its API callers through one client.
    private int clientOutstandingRequestsMax = 1024;
    // One batch being appended while the next one fills; more only queue behind the leader's ordered admission.
    private int writeBatchesInFlight = 2;
    private int stagingCatchupGap = 1000;
    private boolean installSnapshotEnabled = true;
    private boolean preVote = true;
    private RaftTls tls;

    Builder() {}

    Builder(ConsensusSettings s) {
      electionTimeoutMin = s.electionTimeoutMin;
      electionTimeoutMax = s.electionTimeoutMax;
      requestTimeout = s.requestTimeout;
      readTimeout = s.readTimeout;
      adminTimeout = s.adminTimeout;
      stagingTimeout = s.stagingTimeout;
      leaderStepDownWait = s.leaderStepDownWait;
      retryCacheExpiry = s.retryCacheExpiry;
      snapshotAutoTriggerThreshold = s.snapshotAutoTriggerThreshold;
      snapshotOnClose = s.snapshotOnClose;
      purgeGap = s.purgeGap;
      purgeUptoSnapshot = s.purgeUptoSnapshot;
      segmentSizeMax = s.segmentSizeMax;
      writeBufferSize = s.writeBufferSize;
      forceSyncNum = s.forceSyncNum;
      appenderBufferByteLimit = s.appenderBufferByteLimit;
      outstandingAppendsMax = s.outstandingAppendsMax;
      clientOutstandingRequestsMax = s.clientOutstandingRequestsMax;
      writeBatchesInFlight = s.writeBatchesInFlight;
      stagingCatchupGap = s.stagingCatchupGap;
      installSnapshotEnabled = s.installSnapshotEnabled;
      preVote = s.preVote;
      tls = s.tls;
    }

    public Builder electionTimeoutMin(Duration v) { electionTimeoutMin = positive("electionTimeoutMin", v); return this; }
    public Builder electionTimeoutMax(Duration v) { electionTimeoutMax = positive("electionTimeoutMax", v); return this; }
    public Builder requestTimeout(Duration v) { requestTimeout = positive("requestTimeout", v); return this; }
    public Builder readTimeout(Duration v) { readTimeout = positive("readTimeout", v); return this; }
    public Builder adminTimeout(Duration v) { adminTimeout = positive("adminTimeout", v); return this; }
    public Builder stagingTimeout(Duration v) { stagingTimeout = positive("stagingTimeout", v); return this; }
    public Builder leaderStepDownWait(Duration v) { leaderStepDownWait = positive("leaderStepDownWait", v); return this; }
    public Builder retryCacheExpiry(Duration v) { retryCacheExpiry = positive("retryCacheExpiry", v); return this; }

    public Builder snapshotAutoTriggerThreshold(long v) {
      snapshotAutoTriggerThreshold = atLeast("snapshotAutoTriggerThreshold", v, 1);
      return this;
    }

    public Builder snapshotOnClose(boolean v) { snapshotOnClose = v; return this; }
    public Builder purgeGap(int v) { purgeGap = (int) atLeast("purgeGap", v, 1); return this; }
    public Builder purgeUptoSnapshot(boolean v) { purgeUptoSnapshot = v; return this; }

    public Builder segmentSizeMax(long bytes) {
      segmentSizeMax = between("segmentSizeMax", bytes, 8 * KIB, 1024 * MIB);
      return this;
    }

    public Builder writeBufferSize(long bytes) {
      writeBufferSize = between("writeBufferSize", bytes, 64 * KIB, 1024 * MIB);
      return this;
    }

    public Builder forceSyncNum(int v) { forceSyncNum = (int) between("forceSyncNum", v, 1, 65_536); return this; }

    public Builder appenderBufferByteLimit(long bytes) {
      appenderBufferByteLimit = between("appenderBufferByteLimit", bytes, 64 * KIB, 256 * MIB);
      return this;
    }

    public Builder outstandingAppendsMax(int v) {
      outstandingAppendsMax = (int) between("outstandingAppendsMax", v, 1, 4096);
      return this;
    }

    public Builder clientOutstandingRequestsMax(int v) {
      clientOutstandingRequestsMax = (int) between("clientOutstandingRequestsMax", v, 1, 1_000_000);
      return this;
    }

    public Builder writeBatchesInFlight(int v) {
      writeBatchesInFlight = (int) between("writeBatchesInFlight", v, 1, 64);
      return this;
    }

    public Builder stagingCatchupGap(int v) { stagingCatchupGap = (int) atLeast("stagingCatchupGap", v, 0); return this; }
    public Builder installSnapshotEnabled(boolean v) { installSnapshotEnabled = v; return this; }
    public Builder preVote(boolean v) { preVote = v; return this; }
    /** Null turns TLS off (plaintext, the default). */
    public Builder tls(RaftTls v) { tls = v; return this; }

    /** Checks the combinations and builds. */
    public ConsensusSettings build() {
      greater("electionTimeoutMax", electionTimeoutMax, "electionTimeoutMin", electionTimeoutMin);
      atLeast("requestTimeout", requestTimeout, "electionTimeoutMax", electionTimeoutMax);
      atLeast("readTimeout", readTimeout, "electionTimeoutMax", electionTimeoutMax);
      atLeast("stagingTimeout", stagingTimeout, "electionTimeoutMax", electionTimeoutMax);
      atLeast("adminTimeout", adminTimeout, "requestTimeout", requestTimeout);
      atLeast("retryCacheExpiry", retryCacheExpiry, "requestTimeout", requestTimeout);
      if (writeBufferSize < appenderBufferByteLimit + 8) {
        throw new IllegalArgumentException("writeBufferSize: " + writeBufferSize
            + " (expected: >= appenderBufferByteLimit + 8 = " + (appenderBufferByteLimit + 8) + ")");
      }
      if (!installSnapshotEnabled) {
        // Notification-mode install (the state machine fetching snapshots itself) is not implemented.
        throw new IllegalArgumentException("installSnapshotEnabled: false (expected: true; a follower behind the"
            + " leader's purged log can only catch up by a snapshot streamed by the leader)");
      }
      return new ConsensusSettings(this);
    }

    private static Duration positive(String field, Duration v) {
      Objects.requireNonNull(v, field);
      if (v.isNegative() || v.isZero()) {
        throw new IllegalArgumentException(field + ": " + v + " (expected: > 0)");
      }
      return v;
    }

    private static long atLeast(String field, long v, long min) {
      if (v < min) {
        throw new IllegalArgumentException(field + ": " + v + " (expected: >= " + min + ")");
      }
      return v;
    }

    private static long between(String field, long v, long min, long max) {
      if (v < min || v > max) {
        throw new IllegalArgumentException(field + ": " + v + " (expected: in [" + min + ", " + max + "])");
      }
      return v;
    }

    private static void greater(String field, Duration v, String otherField, Duration other) {
      if (v.compareTo(other) <= 0) {
        throw new IllegalArgumentException(field + ": " + v + " (expected: > " + otherField + " " + other + ")");
      }
    }

    private static void atLeast(String field, Duration v, String otherField, Duration other) {
      if (v.compareTo(other) < 0) {
        throw new IllegalArgumentException(field + ": " + v + " (expected: >= " + otherField + " " + other + ")");
      }
    }
  }
}
