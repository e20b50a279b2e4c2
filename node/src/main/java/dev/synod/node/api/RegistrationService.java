package dev.synod.node.api;

import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.DeregisterRequest;
import dev.synod.proto.v1.DeregisterResponse;
import dev.synod.proto.v1.HeartbeatRequest;
import dev.synod.proto.v1.HeartbeatResponse;
import dev.synod.proto.v1.ListRegistrantsRequest;
import dev.synod.proto.v1.ListRegistrantsResponse;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.RegisterRequest;
import dev.synod.proto.v1.RegisterResponse;
import dev.synod.proto.v1.RegistrationGrpc;
import dev.synod.proto.v1.SetRegistrantStateRequest;
import dev.synod.proto.v1.SetRegistrantStateResponse;
import dev.synod.proto.v1.WatchRequest;
import dev.synod.proto.v1.WatchResponse;
import dev.synod.proto.v1.WatchTarget;
import io.grpc.stub.StreamObserver;

/** Registration of file servers and workers: register, heartbeat, drain, deregister, list and watch. */
public final class RegistrationService extends RegistrationGrpc.RegistrationImplBase {
  private final RegistryGateway gateway;
  private final WatchHub watches;

  public RegistrationService(RegistryGateway gateway, WatchHub watches) {
    this.gateway = gateway;
    this.watches = watches;
  }

  @Override
  public void register(RegisterRequest request, StreamObserver<RegisterResponse> observer) {
    UnaryCalls.reply(gateway.propose(Command.newBuilder().setRegister(request).build()), observer,
        r -> r.getRegister().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void heartbeat(HeartbeatRequest request, StreamObserver<HeartbeatResponse> observer) {
    UnaryCalls.reply(gateway.propose(Command.newBuilder().setHeartbeat(request).build()), observer,
        r -> r.getHeartbeat().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void setState(SetRegistrantStateRequest request, StreamObserver<SetRegistrantStateResponse> observer) {
    UnaryCalls.reply(gateway.propose(Command.newBuilder().setSetRegistrantState(request).build()), observer,
        r -> r.getSetRegistrantState().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void deregister(DeregisterRequest request, StreamObserver<DeregisterResponse> observer) {
    UnaryCalls.reply(gateway.propose(Command.newBuilder().setDeregister(request).build()), observer,
        r -> r.getDeregister().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void list(ListRegistrantsRequest request, StreamObserver<ListRegistrantsResponse> observer) {
    UnaryCalls.reply(gateway.query(Query.newBuilder().setListRegistrants(request).build(), request.getConsistency()),
        observer, r -> r.getListRegistrants().toBuilder().setHeader(gateway.header(r.getRevision())).build());
  }

  @Override
  public void watch(WatchRequest request, StreamObserver<WatchResponse> observer) {
    watches.open(request.toBuilder().setTarget(WatchTarget.WATCH_REGISTRANTS).build(), observer);
  }
}
