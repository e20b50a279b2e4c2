package dev.synod.node.api;

import dev.synod.consensus.ConsensusStatus;
import dev.synod.consensus.PeerInfo;
import dev.synod.consensus.PeerRole;
import dev.synod.consensus.RaftNode;
import dev.synod.membership.Member;
import dev.synod.membership.Membership;
import dev.synod.node.autopilot.Autopilot;
import dev.synod.proto.v1.AutopilotStateRequest;
import dev.synod.proto.v1.AutopilotStateResponse;
import dev.synod.proto.v1.ClusterGrpc;
import dev.synod.proto.v1.MembersRequest;
import dev.synod.proto.v1.MembersResponse;
import dev.synod.proto.v1.RaftPeer;
import dev.synod.proto.v1.RaftPeersRequest;
import dev.synod.proto.v1.RaftPeersResponse;
import dev.synod.proto.v1.RemovePeerRequest;
import dev.synod.proto.v1.RemovePeerResponse;
import dev.synod.proto.v1.SnapshotChunk;
import dev.synod.proto.v1.SnapshotRestoreResponse;
import dev.synod.proto.v1.SnapshotSaveRequest;
import dev.synod.proto.v1.StatusRequest;
import dev.synod.proto.v1.StatusResponse;
import dev.synod.proto.v1.TransferLeaderRequest;
import dev.synod.proto.v1.TransferLeaderResponse;
import io.grpc.Status;
import io.grpc.stub.StreamObserver;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.CompletableFuture;

/** Cluster and admin API: members, Raft peers, status, leadership transfer, peer removal and snapshots. */
public final class ClusterService extends ClusterGrpc.ClusterImplBase {
  private final RegistryGateway gateway;
  private final Membership membership;
  private final Autopilot autopilot;
  private final SnapshotTransfer snapshots;
  private final NodeFacts facts;

  public ClusterService(RegistryGateway gateway, Membership membership, Autopilot autopilot,
      SnapshotTransfer snapshots, NodeFacts facts) {
    this.gateway = gateway;
    this.membership = membership;
    this.autopilot = autopilot;
    this.snapshots = snapshots;
    this.facts = facts;
  }

  @Override
  public void members(MembersRequest request, StreamObserver<MembersResponse> observer) {
    List<PeerInfo> peers = gateway.raft().get().map(RaftNode::peers).orElse(List.of());
    MembersResponse.Builder out = MembersResponse.newBuilder().setHeader(gateway.header(gateway.appliedRevision()));
    for (Member m : membership.members()) {
      String role = peers.stream().filter(p -> p.id().equals(m.info().nodeId())).findFirst()
          .map(p -> p.role() == PeerRole.VOTER ? "voter" : "learner").orElse("none");
      out.addMembers(dev.synod.proto.v1.Member.newBuilder().setNodeId(m.info().nodeId())
          .setApiAddress(m.info().apiAddress()).setRaftAddress(m.info().raftAddress())
          .setGossipAddress(m.info().gossipAddress()).setVersion(m.info().version())
          .setStatus(m.status().name().toLowerCase(Locale.ROOT)).setRaftRole(role));
    }
    observer.onNext(out.build());
    observer.onCompleted();
  }

  @Override
  public void raftPeers(RaftPeersRequest request, StreamObserver<RaftPeersResponse> observer) {
    try {
      RaftNode node = gateway.raft().require();
      ConsensusStatus s = node.status();
      RaftPeersResponse.Builder out = RaftPeersResponse.newBuilder().setHeader(gateway.header(s.appliedRevision()))
          .setTerm(s.term()).setCommitIndex(s.commitIndex());
      node.peers().forEach(p -> out.addPeers(toProto(p)));
      observer.onNext(out.build());
      observer.onCompleted();
    } catch (RuntimeException e) {
      observer.onError(UnaryCalls.toStatusException(e));
    }
  }

  @Override
  public void status(StatusRequest request, StreamObserver<StatusResponse> observer) {
    StatusResponse.Builder out = StatusResponse.newBuilder().setNodeId(facts.nodeId()).setClusterId(facts.clusterId())
        .setVersion(facts.version()).setDataDir(facts.dataDir()).setServing(facts.serving().getAsBoolean());
    gateway.raft().get().map(RaftNode::status).ifPresentOrElse(s -> out.setRaftRole(s.role().name().toLowerCase(Locale.ROOT))
            .setTerm(s.term()).setCommitIndex(s.commitIndex()).setLeaderCommitIndex(s.leaderCommitIndex())
            .setAppliedIndex(s.appliedIndex()),
        () -> out.setRaftRole("none"));
    observer.onNext(out.setHeader(gateway.header(out.getAppliedIndex())).build());
    observer.onCompleted();
  }

  @Override
  public void transferLeader(TransferLeaderRequest request, StreamObserver<TransferLeaderResponse> observer) {
    Duration timeout = Duration.ofMillis(request.getTimeoutMillis() > 0 ? request.getTimeoutMillis() : 10_000);
    CompletableFuture<String> done;
    try {
      RaftNode node = gateway.raft().require();
      String target = request.getNodeId().isEmpty() ? LeadershipTarget.best(node) : request.getNodeId();
      done = node.transferLeadership(target, timeout).thenApply(v -> target);
    } catch (RuntimeException e) {
      observer.onError(UnaryCalls.toStatusException(e));
      return;
    }
    UnaryCalls.reply(done.exceptionally(t -> {
      throw Status.FAILED_PRECONDITION.withDescription("transfer-leader: " + rootMessage(t)).asRuntimeException();
    }), observer, target -> TransferLeaderResponse.newBuilder().setHeader(gateway.header(gateway.appliedRevision()))
        .setNewLeaderId(target).build());
  }

  @Override
  public void removePeer(RemovePeerRequest request, StreamObserver<RemovePeerResponse> observer) {
    CompletableFuture<Void> done;
    try {
      RaftNode node = gateway.raft().require();
      autopilot.checkRemovalAllowed(request.getNodeId(), node.peers());
      done = node.removePeer(request.getNodeId());
    } catch (RuntimeException e) {
      observer.onError(UnaryCalls.toStatusException(e));
      return;
    }
    UnaryCalls.reply(done.exceptionally(t -> {
      throw Status.FAILED_PRECONDITION.withDescription("remove-peer: " + rootMessage(t)).asRuntimeException();
    }), observer, v -> {
      RemovePeerResponse.Builder out =
          RemovePeerResponse.newBuilder().setHeader(gateway.header(gateway.appliedRevision()));
      gateway.raft().require().peers().forEach(p -> out.addPeers(toProto(p)));
      return out.build();
    });
  }

  @Override
  public void autopilotState(AutopilotStateRequest request, StreamObserver<AutopilotStateResponse> observer) {
    observer.onNext(autopilot.state().toBuilder().setHeader(gateway.header(gateway.appliedRevision())).build());
    observer.onCompleted();
  }

  @Override
  public void snapshotSave(SnapshotSaveRequest request, StreamObserver<SnapshotChunk> observer) {
    snapshots.save(observer);
  }

  @Override
  public StreamObserver<SnapshotChunk> snapshotRestore(StreamObserver<SnapshotRestoreResponse> observer) {
    return snapshots.restore(observer);
  }

  static RaftPeer toProto(PeerInfo p) {
    return RaftPeer.newBuilder().setNodeId(p.id()).setRaftAddress(p.address())
        .setRole(p.role() == PeerRole.VOTER ? "voter" : "learner").setLeader(p.leader())
        .setMatchIndex(p.matchIndex()).setLastContactMillis(p.lastContactMillis()).build();
  }

  private static String rootMessage(Throwable t) {
    Throwable c = t;
    while (c.getCause() != null) {
      c = c.getCause();
    }
    return c.getMessage() == null ? c.getClass().getSimpleName() : c.getMessage();
  }
}
