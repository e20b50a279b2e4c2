package dev.synod.node.validation;

import static dev.synod.node.validation.Limits.between;
import static dev.synod.node.validation.Limits.bytesAtMost;
import static dev.synod.node.validation.Limits.countAtMost;
import static dev.synod.node.validation.Limits.first;
import static dev.synod.node.validation.Limits.matches;
import static dev.synod.node.validation.Limits.textAtMost;

import dev.synod.proto.v1.*;
import dev.synod.registry.CommandValidator;
import dev.synod.registry.RegistryLimits;
import io.grpc.health.v1.HealthCheckRequest;
import io.grpc.reflection.v1.ServerReflectionRequest;
import java.util.Optional;
import java.util.function.Consumer;
import java.util.regex.Pattern;

/** The limits of every request that the public API accepts. */
public final class SynodRequestRules {
  static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-_.]{0,62}");
  static final Pattern ACCESSOR = Pattern.compile("[a-z0-9-]{8,64}");
  static final int MAX_DESCRIPTION_BYTES = 256;
  static final int MAX_CSR_BYTES = 16 * 1024;
  static final int MAX_SANS = 16;
  static final long MAX_TOKEN_TTL_SECONDS = 10L * 366 * 24 * 3600;
  static final int MAX_SNAPSHOT_CHUNK_BYTES = 4 << 20;

  private SynodRequestRules() {}

  public static RequestRules of(RegistryLimits l) {
    RequestRules.Builder b = RequestRules.builder();
    kv(b, l);
    registration(b, l);
    cluster(b);
    auth(b);
    b.rule(HealthCheckRequest.getDefaultInstance(), r -> textAtMost("service", r.getService(), 256));
    b.rule(ServerReflectionRequest.getDefaultInstance(), r -> textAtMost("host", r.getHost(), 256));
    return b.build();
  }

  private static void kv(RequestRules.Builder b, RegistryLimits l) {
    b.rule(GetRequest.getDefaultInstance(), r -> first(bytesAtMost("key", r.getKey(), l.maxKeyBytes()),
        consistency(r.getConsistencyValue())));
    b.rule(RangeRequest.getDefaultInstance(), r -> first(bytesAtMost("prefix", r.getPrefix(), l.maxKeyBytes()),
        bytesAtMost("after_key", r.getAfterKey(), l.maxKeyBytes()), between("limit", r.getLimit(), 0,
            l.maxRangeLimit()), consistency(r.getConsistencyValue())));
    b.rule(LeaseListRequest.getDefaultInstance(), r -> consistency(r.getConsistencyValue()));
    b.rule(WatchRequest.getDefaultInstance(), r -> first(bytesAtMost("prefix", r.getPrefix(), l.maxKeyBytes()),
        between("start_revision", r.getStartRevision(), 0, Long.MAX_VALUE)));
    b.rule(PutRequest.getDefaultInstance(), r -> command(l, c -> c.setPut(r)));
    b.rule(CasRequest.getDefaultInstance(), r -> command(l, c -> c.setCas(r)));
    b.rule(DeleteRequest.getDefaultInstance(), r -> command(l, c -> c.setDelete(r)));
    b.rule(LeaseGrantRequest.getDefaultInstance(), r -> command(l, c -> c.setLeaseGrant(r)));
    b.rule(LeaseRevokeRequest.getDefaultInstance(), r -> command(l, c -> c.setLeaseRevoke(r)));
    b.rule(LeaseKeepAliveRequest.getDefaultInstance(), r -> command(l, c -> c.setLeaseKeepAlive(r)));
  }

  private static void registration(RequestRules.Builder b, RegistryLimits l) {
    b.rule(RegisterRequest.getDefaultInstance(), r -> command(l, c -> c.setRegister(r)));
    b.rule(HeartbeatRequest.getDefaultInstance(), r -> command(l, c -> c.setHeartbeat(r)));
    b.rule(SetRegistrantStateRequest.getDefaultInstance(), r -> command(l, c -> c.setSetRegistrantState(r)));
    b.rule(DeregisterRequest.getDefaultInstance(), r -> command(l, c -> c.setDeregister(r)));
    b.rule(ListRegistrantsRequest.getDefaultInstance(), r -> consistency(r.getConsistencyValue()));
  }

  private static void cluster(RequestRules.Builder b) {
    b.rule(MembersRequest.getDefaultInstance(), r -> Optional.empty());
    b.rule(RaftPeersRequest.getDefaultInstance(), r -> Optional.empty());
    b.rule(StatusRequest.getDefaultInstance(), r -> Optional.empty());
    b.rule(AutopilotStateRequest.getDefaultInstance(), r -> Optional.empty());
    b.rule(SnapshotSaveRequest.getDefaultInstance(), r -> Optional.empty());
    b.rule(TransferLeaderRequest.getDefaultInstance(), r -> first(matches("node_id", r.getNodeId(), NAME, true),
        between("timeout_millis", r.getTimeoutMillis(), 0, 60_000)));
    b.rule(RemovePeerRequest.getDefaultInstance(), r -> matches("node_id", r.getNodeId(), NAME, false));
    b.rule(SnapshotChunk.getDefaultInstance(), r -> first(
        bytesAtMost("data", r.getData(), MAX_SNAPSHOT_CHUNK_BYTES), textAtMost("sha256", r.getSha256(), 64),
        textAtMost("header.cluster_id", r.getHeader().getClusterId(), 64),
        textAtMost("header.format", r.getHeader().getFormat(), 64)));
  }

  private static void auth(RequestRules.Builder b) {
    b.rule(AclBootstrapRequest.getDefaultInstance(),
        r -> textAtMost("description", r.getDescription(), MAX_DESCRIPTION_BYTES));
    b.rule(CreateTokenRequest.getDefaultInstance(), r -> first(tokenRole(r.getRoleValue()),
        textAtMost("description", r.getDescription(), MAX_DESCRIPTION_BYTES),
        between("ttl_seconds", r.getTtlSeconds(), 0, MAX_TOKEN_TTL_SECONDS)));
    b.rule(ListTokensRequest.getDefaultInstance(), r -> Optional.empty());
    b.rule(RevokeTokenRequest.getDefaultInstance(), r -> matches("accessor_id", r.getAccessorId(), ACCESSOR, false));
    b.rule(RotateTokenRequest.getDefaultInstance(), r -> matches("accessor_id", r.getAccessorId(), ACCESSOR, false));
    b.rule(SignCertificateRequest.getDefaultInstance(), r -> first(
        textAtMost("csr_pem", r.getCsrPem(), MAX_CSR_BYTES), matches("name", r.getName(), NAME, false),
        between("ttl_seconds", r.getTtlSeconds(), 0, MAX_TOKEN_TTL_SECONDS),
        countAtMost("dns_names", r.getDnsNamesCount(), MAX_SANS),
        countAtMost("ip_addresses", r.getIpAddressesCount(), MAX_SANS)));
    b.rule(CaRootsRequest.getDefaultInstance(), r -> Optional.empty());
  }

  private static Optional<String> command(RegistryLimits l, Consumer<Command.Builder> op) {
    Command.Builder c = Command.newBuilder();
    op.accept(c);
    return CommandValidator.validate(c.build(), l).map(RegistryError::getMessage);
  }

  private static Optional<String> consistency(int value) {
    return ReadConsistency.forNumber(value) != null ? Optional.empty()
        : Optional.of("consistency: " + value + " (expected: LINEARIZABLE or STALE)");
  }

  private static Optional<String> tokenRole(int value) {
    Role role = Role.forNumber(value);
    return role != null && role != Role.ROLE_UNSPECIFIED && role != Role.ROLE_SERVER ? Optional.empty()
        : Optional.of("role: " + value + " (expected: admin, operator, client, file-server, worker or edge)");
  }
}
