package dev.synod.node.api;

import com.google.protobuf.InvalidProtocolBufferException;
import dev.synod.consensus.RaftNode;
import dev.synod.consensus.WriteResult;
import dev.synod.node.plant.PlantedStaleReads;
import dev.synod.node.state.RaftHandle;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.CommandResult;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.QueryResult;
import dev.synod.proto.v1.ReadConsistency;
import dev.synod.proto.v1.RegistryError;
import dev.synod.proto.v1.ResponseHeader;
import dev.synod.registry.CommandValidator;
import dev.synod.registry.RegistryLimits;
import io.grpc.Status;
import java.util.Optional;
import java.util.concurrent.CompletableFuture;

/**
 * The one path from the public API into the registry: validates and proposes commands, runs reads at the
 * requested consistency, and turns registry errors into gRPC statuses.
 */
public final class RegistryGateway {
  private final String nodeId;
  private final RaftHandle raft;
  private final RegistryLimits limits;
  private final LeaderDirectory leaders;

  public RegistryGateway(String nodeId, RaftHandle raft, RegistryLimits limits, LeaderDirectory leaders) {
    this.nodeId = nodeId;
    this.raft = raft;
    this.limits = limits;
    this.leaders = leaders;
  }

  /** Proposes a command; completes with its result, or fails with a gRPC status exception. */
  public CompletableFuture<CommandResult> propose(Command command) {
    Optional<RegistryError> invalid = CommandValidator.validate(command, limits);
    if (invalid.isPresent()) {
      return CompletableFuture.failedFuture(StatusMapping.toStatus(invalid.get()).asRuntimeException());
    }
    RaftNode node;
    try {
      node = raft.require();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    return node.write(command.toByteArray())
        .handle((written, failure) -> {
          if (failure != null) {
            throw StatusMapping.fromConsensusFailure(failure, leaders);
          }
          CommandResult result = parseResult(written);
          if (result.hasError()) {
            throw StatusMapping.toStatus(result.getError()).asRuntimeException();
          }
          return result;
        });
  }

  /** Runs a query linearizably (ReadIndex) or stale (local state), as asked. */
  public CompletableFuture<QueryResult> query(Query query, ReadConsistency consistency) {
    RaftNode node;
    try {
      node = raft.require();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
    CompletableFuture<byte[]> raw = PlantedStaleReads.effective(consistency) == ReadConsistency.STALE
        ? CompletableFuture.supplyAsync(() -> node.readStale(query.toByteArray()), Runnable::run)
        : node.readLinearizable(query.toByteArray());
    return raw.handle((bytes, failure) -> {
      if (failure != null) {
        throw StatusMapping.fromConsensusFailure(failure, leaders);
      }
      QueryResult result = parseQueryResult(bytes);
      if (result.hasError()) {
        throw StatusMapping.toStatus(result.getError()).asRuntimeException();
      }
      return result;
    });
  }

  /** Local, stale read used by watch streams and leader duties; registry errors stay in the result. */
  public QueryResult readLocal(Query query) {
    return parseQueryResult(raft.require().readStale(query.toByteArray()));
  }

  /** The header every response carries: the revision, who served it and where the leader is. */
  public ResponseHeader header(long revision) {
    ResponseHeader.Builder h = ResponseHeader.newBuilder().setRevision(revision).setServedBy(nodeId);
    raft.get().flatMap(RaftNode::leaderId).ifPresent(leader -> {
      h.setLeaderId(leader);
      leaders.apiAddressOf(leader).ifPresent(h::setLeaderApiAddress);
    });
    return h.build();
  }

  /** The revision this node's replica has applied; 0 before Raft starts. */
  public long appliedRevision() {
    return raft.get().map(n -> n.status().appliedRevision()).orElse(0L);
  }

  public String nodeId() {
    return nodeId;
  }

  public RaftHandle raft() {
    return raft;
  }

  private static CommandResult parseResult(WriteResult written) {
    try {
      return CommandResult.parseFrom(written.result());
    } catch (InvalidProtocolBufferException e) {
      throw Status.INTERNAL.withDescription("command result does not parse: " + e.getMessage()).asRuntimeException();
    }
  }

  private static QueryResult parseQueryResult(byte[] bytes) {
    try {
      return QueryResult.parseFrom(bytes);
    } catch (InvalidProtocolBufferException e) {
      throw Status.INTERNAL.withDescription("query result does not parse: " + e.getMessage()).asRuntimeException();
    }
  }
}
