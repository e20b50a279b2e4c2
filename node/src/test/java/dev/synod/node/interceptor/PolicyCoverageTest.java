package dev.synod.node.interceptor;

import static org.assertj.core.api.Assertions.assertThat;

import dev.synod.node.auth.RpcPolicy;
import dev.synod.node.auth.SynodPermissions;
import dev.synod.node.validation.RequestRules;
import dev.synod.node.validation.SynodRequestRules;
import dev.synod.proto.v1.AclGrpc;
import dev.synod.proto.v1.CertificatesGrpc;
import dev.synod.proto.v1.ClusterGrpc;
import dev.synod.proto.v1.KvGrpc;
import dev.synod.proto.v1.RegistrationGrpc;
import dev.synod.registry.RegistryLimits;
import io.grpc.MethodDescriptor;
import io.grpc.ServiceDescriptor;
import io.grpc.health.v1.HealthGrpc;
import io.grpc.protobuf.ProtoMethodDescriptorSupplier;
import io.grpc.reflection.v1.ServerReflectionGrpc;
import java.util.List;
import org.junit.jupiter.api.Test;

/** Every public RPC has an access rule and every request type has declared limits: nothing open by omission. */
class PolicyCoverageTest {
  private static final List<ServiceDescriptor> SERVED = List.of(KvGrpc.getServiceDescriptor(),
      RegistrationGrpc.getServiceDescriptor(), ClusterGrpc.getServiceDescriptor(), AclGrpc.getServiceDescriptor(),
      CertificatesGrpc.getServiceDescriptor(), HealthGrpc.getServiceDescriptor(),
      ServerReflectionGrpc.getServiceDescriptor());

  @Test
  void everyMethodHasAnAccessRule() {
    RpcPolicy policy = SynodPermissions.policy();
    for (ServiceDescriptor service : SERVED) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        assertThat(policy.rule(method.getFullMethodName())).as(method.getFullMethodName()).isPresent();
      }
    }
  }

  @Test
  void everyRequestTypeHasDeclaredLimits() {
    RequestRules rules = SynodRequestRules.of(RegistryLimits.defaults());
    for (ServiceDescriptor service : SERVED) {
      for (MethodDescriptor<?, ?> method : service.getMethods()) {
        var descriptor = ((ProtoMethodDescriptorSupplier) method.getSchemaDescriptor()).getMethodDescriptor();
        assertThat(rules.covers(descriptor.getInputType())).as(method.getFullMethodName()).isTrue();
      }
    }
  }

  @Test
  void adminRpcsNeedAdmin() {
    RpcPolicy policy = SynodPermissions.policy();
    for (String method : List.of(ClusterGrpc.getRemovePeerMethod().getFullMethodName(),
        ClusterGrpc.getSnapshotRestoreMethod().getFullMethodName(), AclGrpc.getCreateTokenMethod().getFullMethodName(),
        AclGrpc.getRevokeTokenMethod().getFullMethodName(), AclGrpc.getRotateTokenMethod().getFullMethodName(),
        AclGrpc.getListTokensMethod().getFullMethodName())) {
      assertThat(policy.rule(method).orElseThrow().roles()).as(method)
          .containsExactly(dev.synod.security.identity.Role.ADMIN);
    }
  }
}
