package dev.synod.consensus;

import dev.synod.consensus.LeadershipQuorum.MemberReport;
import java.io.IOException;
import java.time.Duration;
import java.util.Optional;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.Supplier;
import org.apache.ratis.client.RaftClient;
import org.apache.ratis.client.RaftClientConfigKeys;
import org.apache.ratis.conf.Parameters;
import org.apache.ratis.conf.RaftProperties;
import org.apache.ratis.proto.RaftProtos.LogInfoProto;
import org.apache.ratis.proto.RaftProtos.RoleInfoProto;
import org.apache.ratis.protocol.ClientId;
import org.apache.ratis.protocol.GroupInfoReply;
import org.apache.ratis.protocol.RaftGroup;
import org.apache.ratis.protocol.RaftPeerId;
import org.apache.ratis.retry.RetryPolicies;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Asks one member of the group for its role, its term (leaders) or its leader (followers), through Ratis' admin
 * service (mutual TLS like every other Raft connection). One attempt per probe, bounded by {@code timeout}; at most
 * one probe per member is in flight, so a paused member holds one thread, not one per read round.
 */
final class MemberProbes implements AutoCloseable {
  private static final Logger LOG = LoggerFactory.getLogger(MemberProbes.class);

  private final RaftProperties properties;
  private final Parameters parameters;
  private final Duration timeout;
  private final Supplier<RaftGroup> currentGroup;
  private final ExecutorService executor;
  private final ScheduledExecutorService timer;
  private final Set<String> inFlight = ConcurrentHashMap.newKeySet();
  private RaftClient client; // guarded by this
  private Set<String> clientMembers = Set.of(); // guarded by this

  MemberProbes(RaftProperties base, Parameters parameters, Duration timeout, Supplier<RaftGroup> currentGroup,
      ExecutorService executor, ScheduledExecutorService timer) {
    this.properties = new RaftProperties(base);
    RaftClientConfigKeys.Rpc.setRequestTimeout(properties, RatisProperties.td(timeout));
    this.parameters = parameters;
    this.timeout = timeout;
    this.currentGroup = currentGroup;
    this.executor = executor;
    this.timer = timer;
  }

  CompletableFuture<MemberReport> probe(String memberId) {
    if (!inFlight.add(memberId)) {
      return CompletableFuture.failedFuture(new IOException("a probe of " + memberId + " is still in flight"));
    }
    CompletableFuture<MemberReport> result = new CompletableFuture<>();
    try {
      executor.execute(() -> {
        MemberReport report = null;
        Exception failure = null;
        try {
          GroupInfoReply reply = client().getGroupManagementApi(RaftPeerId.valueOf(memberId)).info(null);
          if (!reply.isSuccess()) {
            throw new IOException("group info from " + memberId + " failed", reply.getException());
          }
          report = report(memberId, reply.getRoleInfoProto(), reply.getLogInfoProto());
        } catch (IOException | RuntimeException e) {
          failure = e;
        }
        // Free the member before completing: completion may start the next round, which probes it again.
        inFlight.remove(memberId);
        if (failure != null) {
          result.completeExceptionally(failure);
        } else {
          result.complete(report);
        }
      });
    } catch (RejectedExecutionException closing) {
      inFlight.remove(memberId);
      result.completeExceptionally(new IOException("consensus node is closed", closing));
    }
    return result;
  }

  static MemberReport report(String memberId, RoleInfoProto role, LogInfoProto log) {
    return switch (role.getRole()) {
      case LEADER -> role.hasLeaderInfo()
          ? leader(memberId, role.getLeaderInfo().getTerm(), log)
          : MemberReport.other(memberId, RaftRole.NONE); // its leader state is not set up yet
      case FOLLOWER -> {
        var id = role.getFollowerInfo().getLeaderInfo().getId().getId();
        yield MemberReport.follower(memberId,
            id.isEmpty() ? Optional.empty() : Optional.of(RaftPeerId.valueOf(id).toString()));
      }
      case CANDIDATE -> MemberReport.other(memberId, RaftRole.CANDIDATE);
      case LISTENER -> MemberReport.other(memberId, RaftRole.LEARNER);
      default -> MemberReport.other(memberId, RaftRole.NONE);
    };
  }

  /** Ratis leaves the committed entry out when it is no longer in the log (purged after a snapshot). */
  private static MemberReport leader(String memberId, long term, LogInfoProto log) {
    return log.hasCommitted()
        ? MemberReport.leader(memberId, term, log.getCommitted().getTerm(), log.getCommitted().getIndex())
        : MemberReport.leader(memberId, term);
  }

  /** Rebuilt when the members or their addresses change; the previous client closes once its probes ended. */
  private synchronized RaftClient client() {
    RaftGroup group = currentGroup.get();
    Set<String> members = LeaderClient.members(group.getPeers());
    if (client != null && members.equals(clientMembers)) {
      return client;
    }
    RaftClient previous = client;
    client = RaftClient.newBuilder().setRaftGroup(group).setProperties(properties).setParameters(parameters)
        .setClientId(ClientId.randomId()).setRetryPolicy(RetryPolicies.noRetry()).build();
    clientMembers = members;
    if (previous != null) {
      timer.schedule(() -> closeQuietly(previous), timeout.multipliedBy(2).toMillis(), TimeUnit.MILLISECONDS);
    }
    return client;
  }

  @Override
  public synchronized void close() {
    if (client != null) {
      closeQuietly(client);
      client = null;
    }
  }

  private static void closeQuietly(RaftClient c) {
    try {
      c.close();
    } catch (IOException | RuntimeException e) {
      LOG.debug("Closing a probe client failed", e);
    }
  }
}
