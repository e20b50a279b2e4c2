package dev.synod.node.lease;

import dev.synod.consensus.ConsensusListener;
import dev.synod.consensus.RaftNode;
import dev.synod.consensus.RaftRole;
import dev.synod.node.api.RegistryGateway;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.ExpireLeases;
import dev.synod.proto.v1.LeaderEpoch;
import dev.synod.proto.v1.Lease;
import dev.synod.proto.v1.LeaseListRequest;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.QueryResult;
import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicBoolean;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Leader duty that owns lease time. A new leader first proposes a {@link LeaderEpoch}, which gives every
 * lease a grace period; only after that is applied does it propose {@link ExpireLeases} when a deadline
 * has passed. Followers never expire anything.
 */
public final class LeaseKeeper implements ConsensusListener {
  private static final Logger log = LoggerFactory.getLogger(LeaseKeeper.class);

  private final String nodeId;
  private final RegistryGateway gateway;
  private final Clock clock;
  private final Duration grace;
  private volatile long epochTerm = -1;
  private volatile long pendingEpochTerm = -1;
  private final AtomicBoolean expiryInFlight = new AtomicBoolean();

  public LeaseKeeper(String nodeId, RegistryGateway gateway, Clock clock, Duration grace) {
    this.nodeId = nodeId;
    this.gateway = gateway;
    this.clock = clock;
    this.grace = grace;
  }

  @Override
  public void onLeaderChanged(Optional<String> leaderId, long term) {
    if (leaderId.isPresent() && leaderId.get().equals(nodeId)) {
      proposeEpoch(term);
    }
  }

  /** Runs on the leader-duty thread; proposes what the leader owes the registry at this moment. */
  public void tick() {
    Optional<RaftNode> node = gateway.raft().get();
    if (node.isEmpty()) {
      return;
    }
    var status = node.get().status();
    if (status.role() != RaftRole.LEADER) {
      return;
    }
    if (epochTerm != status.term()) {
      proposeEpoch(status.term());
      return;
    }
    if (hasExpiredLease() && expiryInFlight.compareAndSet(false, true)) {
      gateway.propose(Command.newBuilder().setExpireLeases(ExpireLeases.getDefaultInstance()).build())
          .whenComplete((r, t) -> {
            expiryInFlight.set(false);
            if (t != null) {
              log.warn("lease expiry proposal failed: {}", t.toString());
            } else if (r.getExpireLeases().getExpiredLeaseIdsCount() > 0) {
              log.info("expired leases {}", r.getExpireLeases().getExpiredLeaseIdsList());
            }
          });
    }
  }

  private boolean hasExpiredLease() {
    QueryResult leases = gateway.readLocal(Query.newBuilder().setLeaseList(LeaseListRequest.getDefaultInstance()).build());
    long now = clock.millis();
    for (Lease l : leases.getLeaseList().getLeasesList()) {
      if (l.getExpiresAtMillis() <= now) {
        return true;
      }
    }
    return false;
  }

  private synchronized void proposeEpoch(long term) {
    if (pendingEpochTerm == term || epochTerm == term) {
      return;
    }
    pendingEpochTerm = term;
    gateway.propose(Command.newBuilder().setLeaderEpoch(LeaderEpoch.newBuilder().setLeaderId(nodeId).setTerm(term)
        .setGraceMillis(grace.toMillis())).build()).whenComplete((r, t) -> {
          synchronized (this) {
            if (t == null) {
              epochTerm = term;
              log.info("leader epoch for term {} applied; {} leases got {} grace", term,
                  r.getLeaderEpoch().getLeasesExtended(), grace);
            } else {
              log.warn("leader epoch proposal for term {} failed: {}", term, t.toString());
            }
            if (pendingEpochTerm == term) {
              pendingEpochTerm = -1;
            }
          }
        });
  }
}
