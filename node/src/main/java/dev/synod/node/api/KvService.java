package dev.synod.node.api;

import dev.synod.proto.v1.CasRequest;
import dev.synod.proto.v1.CasResponse;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.DeleteRequest;
import dev.synod.proto.v1.DeleteResponse;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.GetResponse;
import dev.synod.proto.v1.KvGrpc;
import dev.synod.proto.v1.LeaseGrantRequest;
import dev.synod.proto.v1.LeaseGrantResponse;
import dev.synod.proto.v1.LeaseKeepAliveRequest;
import dev.synod.proto.v1.LeaseKeepAliveResponse;
import dev.synod.proto.v1.LeaseListRequest;
import dev.synod.proto.v1.LeaseListResponse;
import dev.synod.proto.v1.LeaseRevokeRequest;
import dev.synod.proto.v1.LeaseRevokeResponse;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.PutResponse;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.RangeRequest;
import dev.synod.proto.v1.RangeResponse;
import dev.synod.proto.v1.WatchRequest;
import dev.synod.proto.v1.WatchResponse;
import dev.synod.proto.v1.WatchTarget;
import io.grpc.stub.StreamObserver;

/** The public KV API: writes are proposed through Raft, reads run at the requested consistency. */
public final class KvService extends KvGrpc.KvImplBase {
  private final RegistryGateway gateway;
  private final WatchHub watches;

  public KvService(RegistryGateway gateway, WatchHub watches) {
    this.gateway = gateway;
    this.watches = watches;
  }

  @Override
  public void get(GetRequest request, StreamObserver<GetResponse> observer) {
    UnaryCalls.reply(gateway.query(Query.newBuilder().setGet(request).build(), request.getConsistency()), observer,
        r -> r.getGet().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void range(RangeRequest request, StreamObserver<RangeResponse> observer) {
    UnaryCalls.reply(gateway.query(Query.newBuilder().setRange(request).build(), request.getConsistency()), observer,
        r -> r.getRange().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void leaseList(LeaseListRequest request, StreamObserver<LeaseListResponse> observer) {
    UnaryCalls.reply(gateway.query(Query.newBuilder().setLeaseList(request).build(), request.getConsistency()),
        observer, r -> r.getLeaseList().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void put(PutRequest request, StreamObserver<PutResponse> observer) {
    UnaryCalls.reply(gateway.propose(Command.newBuilder().setPut(request).build()), observer,
        r -> r.getPut().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void cas(CasRequest request, StreamObserver<CasResponse> observer) {
    UnaryCalls.reply(gateway.propose(Command.newBuilder().setCas(request).build()), observer,
        r -> r.getCas().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void delete(DeleteRequest request, StreamObserver<DeleteResponse> observer) {
    UnaryCalls.reply(gateway.propose(Command.newBuilder().setDelete(request).build()), observer,
        r -> r.getDelete().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void leaseGrant(LeaseGrantRequest request, StreamObserver<LeaseGrantResponse> observer) {
    UnaryCalls.reply(gateway.propose(Command.newBuilder().setLeaseGrant(request).build()), observer,
        r -> r.getLeaseGrant().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void leaseRevoke(LeaseRevokeRequest request, StreamObserver<LeaseRevokeResponse> observer) {
    UnaryCalls.reply(gateway.propose(Command.newBuilder().setLeaseRevoke(request).build()), observer,
        r -> r.getLeaseRevoke().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void leaseKeepAlive(LeaseKeepAliveRequest request, StreamObserver<LeaseKeepAliveResponse> observer) {
    UnaryCalls.reply(gateway.propose(Command.newBuilder().setLeaseKeepAlive(request).build()), observer,
        r -> r.getLeaseKeepAlive().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<WatchResponse> observer) {
    watches.open(request.toBuilder().setTarget(WatchTarget.WATCH_KV).build(), observer);
  }
}
