package dev.synod.node.auth;

import static dev.synod.security.identity.Role.ADMIN;
import static dev.synod.security.identity.Role.CLIENT;
import static dev.synod.security.identity.Role.EDGE;
import static dev.synod.security.identity.Role.FILE_SERVER;
import static dev.synod.security.identity.Role.OPERATOR;
import static dev.synod.security.identity.Role.SERVER;
import static dev.synod.security.identity.Role.WORKER;

import dev.synod.proto.v1.AclGrpc;
import dev.synod.proto.v1.CertificatesGrpc;
import dev.synod.proto.v1.ClusterGrpc;
import dev.synod.proto.v1.KvGrpc;
import dev.synod.proto.v1.RegistrationGrpc;
import dev.synod.security.identity.Role;
import io.grpc.MethodDescriptor;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import java.util.EnumSet;
import java.util.Set;

/** The roles each public RPC admits. Token roles and certificate roles follow the same table. */
public final class SynodPermissions {
  private static final Set<Role> EVERY_ROLE = EnumSet.allOf(Role.class);
  private static final Set<Role> KV_READ = EnumSet.of(ADMIN, OPERATOR, CLIENT, EDGE, SERVER);
  private static final Set<Role> KV_WRITE = EnumSet.of(ADMIN, OPERATOR, CLIENT, EDGE);
  private static final Set<Role> REGISTRANTS = EnumSet.of(ADMIN, OPERATOR, FILE_SERVER, WORKER);
  private static final Set<Role> OPERATE = EnumSet.of(ADMIN, OPERATOR);
  private static final Set<Role> ADMIN_ONLY = EnumSet.of(ADMIN);
  // Holders of a join token (file servers, workers, edges) ask for their own certificates.
  private static final Set<Role> CERTIFICATE_SIGNING = EnumSet.of(ADMIN, FILE_SERVER, WORKER, EDGE);

  private SynodPermissions() {}

  public static RpcPolicy policy() {
    RpcPolicy.Builder b = RpcPolicy.builder();
    for (MethodDescriptor<?, ?> m : new MethodDescriptor<?, ?>[] {KvGrpc.getGetMethod(), KvGrpc.getRangeMethod(),
        KvGrpc.getLeaseListMethod(), KvGrpc.getWatchMethod()}) {
      b.allow(m.getFullMethodName(), KV_READ);
    }
    for (MethodDescriptor<?, ?> m : new MethodDescriptor<?, ?>[] {KvGrpc.getPutMethod(), KvGrpc.getCasMethod(),
        KvGrpc.getDeleteMethod(), KvGrpc.getLeaseGrantMethod(), KvGrpc.getLeaseRevokeMethod(),
        KvGrpc.getLeaseKeepAliveMethod()}) {
      b.allow(m.getFullMethodName(), KV_WRITE);
    }
    for (MethodDescriptor<?, ?> m : new MethodDescriptor<?, ?>[] {RegistrationGrpc.getRegisterMethod(),
        RegistrationGrpc.getHeartbeatMethod(), RegistrationGrpc.getSetStateMethod(),
        RegistrationGrpc.getDeregisterMethod()}) {
      b.allow(m.getFullMethodName(), REGISTRANTS);
    }
    b.allow(RegistrationGrpc.getListMethod().getFullMethodName(), EVERY_ROLE);
    b.allow(RegistrationGrpc.getWatchMethod().getFullMethodName(), EVERY_ROLE);
    for (MethodDescriptor<?, ?> m : new MethodDescriptor<?, ?>[] {ClusterGrpc.getMembersMethod(),
        ClusterGrpc.getRaftPeersMethod(), ClusterGrpc.getStatusMethod(), ClusterGrpc.getAutopilotStateMethod()}) {
      b.allow(m.getFullMethodName(), EVERY_ROLE);
    }
    b.allow(ClusterGrpc.getTransferLeaderMethod().getFullMethodName(), OPERATE);
    b.allow(ClusterGrpc.getSnapshotSaveMethod().getFullMethodName(), OPERATE);
    b.allow(ClusterGrpc.getRemovePeerMethod().getFullMethodName(), ADMIN_ONLY);
    b.allow(ClusterGrpc.getSnapshotRestoreMethod().getFullMethodName(), ADMIN_ONLY);
    // Works once per cluster; like Consul's, it needs TLS but no credential, since none exists yet.
    b.allowAnonymous(AclGrpc.getBootstrapMethod().getFullMethodName(), EVERY_ROLE);
    for (MethodDescriptor<?, ?> m : new MethodDescriptor<?, ?>[] {AclGrpc.getCreateTokenMethod(),
        AclGrpc.getListTokensMethod(), AclGrpc.getRevokeTokenMethod(), AclGrpc.getRotateTokenMethod()}) {
      b.allow(m.getFullMethodName(), ADMIN_ONLY);
    }
    b.allow(CertificatesGrpc.getSignMethod().getFullMethodName(), CERTIFICATE_SIGNING);
    b.allow(CertificatesGrpc.getRootsMethod().getFullMethodName(), EVERY_ROLE);
    // Load balancers and container health checks probe without credentials.
    b.allowAnonymous(HealthGrpc.getCheckMethod().getFullMethodName(), EVERY_ROLE);
    b.allowAnonymous(HealthGrpc.getWatchMethod().getFullMethodName(), EVERY_ROLE);
    b.allow(ServerReflectionGrpc.getServerReflectionInfoMethod().getFullMethodName(), OPERATE);
    return b.build();
  }
}
