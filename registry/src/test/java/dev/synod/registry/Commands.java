package dev.synod.registry;

import com.google.protobuf.ByteString;
import dev.synod.proto.v1.AclBootstrapCommand;
import dev.synod.proto.v1.AclCreateTokenCommand;
import dev.synod.proto.v1.AclListQuery;
import dev.synod.proto.v1.AclLookupQuery;
import dev.synod.proto.v1.AclRevokeTokenCommand;
import dev.synod.proto.v1.AclRotateTokenCommand;
import dev.synod.proto.v1.AclToken;
import dev.synod.proto.v1.Batch;
import dev.synod.proto.v1.CasRequest;
import dev.synod.proto.v1.Command;
import dev.synod.proto.v1.DeleteRequest;
import dev.synod.proto.v1.DeregisterRequest;
import dev.synod.proto.v1.EventsRequest;
import dev.synod.proto.v1.ExpireLeases;
import dev.synod.proto.v1.GetRequest;
import dev.synod.proto.v1.HeartbeatRequest;
import dev.synod.proto.v1.InstallSigningCaCommand;
import dev.synod.proto.v1.LeaderEpoch;
import dev.synod.proto.v1.LeaseGrantRequest;
import dev.synod.proto.v1.LeaseKeepAliveRequest;
import dev.synod.proto.v1.LeaseRevokeRequest;
import dev.synod.proto.v1.PutRequest;
import dev.synod.proto.v1.Query;
import dev.synod.proto.v1.RangeRequest;
import dev.synod.proto.v1.RegisterRequest;
import dev.synod.proto.v1.RegistrantKind;
import dev.synod.proto.v1.RegistrantState;
import dev.synod.proto.v1.Role;
import dev.synod.proto.v1.SetRegistrantStateRequest;
import dev.synod.proto.v1.SigningCa;
import dev.synod.proto.v1.SigningCaQuery;
import dev.synod.proto.v1.WatchRequest;

/** Terse builders for commands and queries in tests. */
final class Commands {
  private Commands() {}

  static ByteString bytes(String s) {
    return ByteString.copyFromUtf8(s);
  }

  static Command put(String key, String value) {
    return put(key, value, 0);
  }

  static Command put(String key, String value, long leaseId) {
    return Command.newBuilder().setPut(PutRequest.newBuilder()
        .setKey(bytes(key)).setValue(bytes(value)).setLeaseId(leaseId)).build();
  }

  static Command putReturningPrev(String key, String value) {
    return Command.newBuilder().setPut(PutRequest.newBuilder()
        .setKey(bytes(key)).setValue(bytes(value)).setReturnPrev(true)).build();
  }

  static Command delete(String key) {
    return Command.newBuilder().setDelete(DeleteRequest.newBuilder().setKey(bytes(key))).build();
  }

  static Command deleteIf(String key, long expectedModRevision) {
    return Command.newBuilder().setDelete(DeleteRequest.newBuilder()
        .setKey(bytes(key)).setExpectedModRevision(expectedModRevision)).build();
  }

  static Command deletePrefix(String prefix) {
    return Command.newBuilder().setDelete(DeleteRequest.newBuilder().setKey(bytes(prefix)).setPrefix(true)).build();
  }

  static Command cas(String key, long expectedModRevision, String value) {
    return Command.newBuilder().setCas(CasRequest.newBuilder()
        .setKey(bytes(key)).setExpectedModRevision(expectedModRevision).setValue(bytes(value))).build();
  }

  static Command grant(long ttlMillis) {
    return Command.newBuilder().setLeaseGrant(LeaseGrantRequest.newBuilder().setTtlMillis(ttlMillis)).build();
  }

  static Command keepAlive(long leaseId) {
    return Command.newBuilder().setLeaseKeepAlive(LeaseKeepAliveRequest.newBuilder().setLeaseId(leaseId)).build();
  }

  static Command revoke(long leaseId) {
    return Command.newBuilder().setLeaseRevoke(LeaseRevokeRequest.newBuilder().setLeaseId(leaseId)).build();
  }

  static Command expire() {
    return Command.newBuilder().setExpireLeases(ExpireLeases.getDefaultInstance()).build();
  }

  static Command epoch(long graceMillis) {
    return Command.newBuilder().setLeaderEpoch(LeaderEpoch.newBuilder()
        .setLeaderId("n1").setTerm(2).setGraceMillis(graceMillis)).build();
  }

  static Command register(RegistrantKind kind, String id) {
    return register(kind, id, 0);
  }

  static Command register(RegistrantKind kind, String id, long ttlMillis) {
    return Command.newBuilder().setRegister(RegisterRequest.newBuilder()
        .setKind(kind).setId(id).addAddresses(id + ":7000").setZone("z1").setTtlMillis(ttlMillis)).build();
  }

  static Command heartbeat(RegistrantKind kind, String id) {
    return Command.newBuilder().setHeartbeat(HeartbeatRequest.newBuilder().setKind(kind).setId(id)).build();
  }

  static Command setState(RegistrantKind kind, String id, RegistrantState state) {
    return Command.newBuilder().setSetRegistrantState(SetRegistrantStateRequest.newBuilder()
        .setKind(kind).setId(id).setState(state)).build();
  }

  static Command deregister(RegistrantKind kind, String id) {
    return Command.newBuilder().setDeregister(DeregisterRequest.newBuilder().setKind(kind).setId(id)).build();
  }

  static Command batch(Command... commands) {
    return Command.newBuilder().setBatch(Batch.newBuilder().addAllCommands(java.util.List.of(commands))).build();
  }

  /** A distinct 32-byte stand-in for the SHA-256 of secret number {@code n}. */
  static ByteString hash(int n) {
    byte[] digest = new byte[32];
    java.util.Arrays.fill(digest, (byte) n);
    return ByteString.copyFrom(digest);
  }

  static AclToken token(String accessorId, Role role) {
    return AclToken.newBuilder().setAccessorId(accessorId).setRole(role).setDescription("for " + accessorId).build();
  }

  static Command bootstrap(AclToken token, ByteString secretSha256) {
    return Command.newBuilder().setAclBootstrap(AclBootstrapCommand.newBuilder()
        .setToken(token).setSecretSha256(secretSha256)).build();
  }

  static Command createToken(AclToken token, ByteString secretSha256) {
    return Command.newBuilder().setAclCreateToken(AclCreateTokenCommand.newBuilder()
        .setToken(token).setSecretSha256(secretSha256)).build();
  }

  static Command revokeToken(String accessorId) {
    return Command.newBuilder().setAclRevokeToken(AclRevokeTokenCommand.newBuilder().setAccessorId(accessorId)).build();
  }

  static Command rotateToken(String accessorId, ByteString newSecretSha256) {
    return Command.newBuilder().setAclRotateToken(AclRotateTokenCommand.newBuilder()
        .setAccessorId(accessorId).setNewSecretSha256(newSecretSha256)).build();
  }

  static SigningCa ca(String certificatePem, String privateKeyPem) {
    return SigningCa.newBuilder().setCertificatePem(certificatePem).setPrivateKeyPem(privateKeyPem).build();
  }

  static Command installCa(SigningCa ca) {
    return Command.newBuilder().setInstallSigningCa(InstallSigningCaCommand.newBuilder().setCa(ca)).build();
  }

  static Query aclLookup(ByteString secretSha256) {
    return Query.newBuilder().setAclLookup(AclLookupQuery.newBuilder().setSecretSha256(secretSha256)).build();
  }

  static Query aclList() {
    return Query.newBuilder().setAclList(AclListQuery.getDefaultInstance()).build();
  }

  static Query signingCa() {
    return Query.newBuilder().setSigningCa(SigningCaQuery.getDefaultInstance()).build();
  }

  static Query get(String key) {
    return Query.newBuilder().setGet(GetRequest.newBuilder().setKey(bytes(key))).build();
  }

  static Query range(String prefix, int limit, String afterKey) {
    return Query.newBuilder().setRange(RangeRequest.newBuilder()
        .setPrefix(bytes(prefix)).setLimit(limit).setAfterKey(bytes(afterKey))).build();
  }

  static Query events(long fromRevision) {
    return events(WatchRequest.getDefaultInstance(), fromRevision, 0);
  }

  static Query events(WatchRequest filter, long fromRevision, int limit) {
    return Query.newBuilder().setEvents(EventsRequest.newBuilder()
        .setFilter(filter).setFromRevision(fromRevision).setLimit(limit)).build();
  }
}
