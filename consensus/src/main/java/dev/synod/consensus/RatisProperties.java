package dev.synod.consensus;

import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.TimeUnit;
import org.apache.ratis.RaftConfigKeys;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.grpc.GrpcConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys;
import org.apache.ratis.server.RaftServerConfigKeys.Log;
import org.apache.ratis.server.RaftServerConfigKeys.Read;
import org.apache.ratis.server.RaftServerConfigKeys.Snapshot;
import org.apache.ratis.util.SizeInBytes;
import org.apache.ratis.util.TimeDuration;

/** Translates {@link ConsensusSettings} into Ratis' string-keyed properties, in one place. */
final class RatisProperties {
  private static final long MIB = 1024 * 1024;

  private RatisProperties() {}

  static RaftProperties of(ConsensusSettings s, Path storageDir, HostPort bind) {
    RaftProperties p = new RaftProperties();
    RaftServerConfigKeys.setStorageDir(p, List.of(storageDir.toFile().getAbsoluteFile()));

    // Ratis' gRPC transport, with a log appender that recovers from two faults of Ratis 3.2.2.
    RaftConfigKeys.Rpc.setType(p, new RecoveringLogAppender.Type());
    GrpcConfigKeys.Server.setHost(p, bind.host());
    GrpcConfigKeys.Server.setPort(p, bind.port());
    // One message must hold a full append batch or snapshot chunk plus framing; Ratis checks >= limit + 1 MiB.
    GrpcConfigKeys.setMessageSizeMax(p, SizeInBytes.valueOf(s.appenderBufferByteLimit() + 2 * MIB));
    GrpcConfigKeys.Server.setLeaderOutstandingAppendsMax(p, s.outstandingAppendsMax());

    RaftServerConfigKeys.Rpc.setTimeoutMin(p, td(s.electionTimeoutMin()));
    RaftServerConfigKeys.Rpc.setTimeoutMax(p, td(s.electionTimeoutMax()));
    // Server-to-server RPC deadline: never shorter than an election timeout.
    RaftServerConfigKeys.Rpc.setRequestTimeout(p, td(max(Duration.ofSeconds(3), s.electionTimeoutMax())));
    RaftServerConfigKeys.LeaderElection.setPreVote(p, s.preVote());
    RaftServerConfigKeys.LeaderElection.setLeaderStepDownWaitTime(p, td(s.leaderStepDownWait()));
    RaftServerConfigKeys.setStagingCatchupGap(p, s.stagingCatchupGap());
    RaftServerConfigKeys.setStagingTimeout(p, td(s.stagingTimeout()));
    RaftServerConfigKeys.RetryCache.setExpiryTime(p, td(s.retryCacheExpiry()));

    // ReadIndex reads, served by followers too; no leader lease (it trusts clocks, which the chaos suite skews).
    Read.setOption(p, Read.Option.LINEARIZABLE);
    Read.setTimeout(p, td(s.readTimeout()));
    Read.setLeaderLeaseEnabled(p, false);

    // Durability: fsync every batch, synchronously. Group commit comes from force.sync.num and queue draining.
    Log.setUnsafeFlushEnabled(p, false);
    Log.setAsyncFlushEnabled(p, false);
    Log.setForceSyncNum(p, s.forceSyncNum());
    // One log entry, and one fsync per server, per write. By default Ratis appends and replicates an extra
    // metadata entry (the new commit index) after every commit: a second fsync per write on every server that the
    // next write queues behind, and a send that holds the next append back by the appender's minimum wait.
    // Acknowledged entries stay fsynced; a restarted server learns the commit index from the leader instead.
    Log.setLogMetadataEnabled(p, false);
    Log.setSegmentSizeMax(p, SizeInBytes.valueOf(s.segmentSizeMax()));
    Log.setPreallocatedSize(p, SizeInBytes.valueOf(Math.min(s.segmentSizeMax(), 4 * MIB)));
    Log.setWriteBufferSize(p, SizeInBytes.valueOf(s.writeBufferSize()));
    Log.setPurgeGap(p, s.purgeGap());
    Log.setPurgeUptoSnapshotIndex(p, s.purgeUptoSnapshot());
    Log.Appender.setBufferByteLimit(p, SizeInBytes.valueOf(s.appenderBufferByteLimit()));
    Log.Appender.setSnapshotChunkSizeMax(p, SizeInBytes.valueOf(s.appenderBufferByteLimit()));
    Log.Appender.setInstallSnapshotEnabled(p, s.installSnapshotEnabled());

    Snapshot.setAutoTriggerEnabled(p, true);
    Snapshot.setAutoTriggerThreshold(p, s.snapshotAutoTriggerThreshold());
    Snapshot.setTriggerWhenStopEnabled(p, s.snapshotOnClose());
    Snapshot.setTriggerWhenRemoveEnabled(p, false);

    RaftClientConfigKeys.Async.setOutstandingRequestsMax(p, s.clientOutstandingRequestsMax());
    RaftClientConfigKeys.Rpc.setRequestTimeout(p, td(clientAttemptTimeout(s)));
    return p;
  }

  /** One attempt of the internal client; a lost attempt is retried (deduplicated) within requestTimeout. */
  static Duration clientAttemptTimeout(ConsensusSettings s) {
    Duration attempt = max(Duration.ofSeconds(3), s.electionTimeoutMax().multipliedBy(2));
    return attempt.compareTo(s.requestTimeout()) > 0 ? s.requestTimeout() : attempt;
  }

  static TimeDuration td(Duration d) {
    return TimeDuration.valueOf(d.toMillis(), TimeUnit.MILLISECONDS);
  }

  private static Duration max(Duration a, Duration b) {
    return a.compareTo(b) >= 0 ? a : b;
  }
}
