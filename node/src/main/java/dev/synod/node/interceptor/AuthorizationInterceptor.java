package dev.synod.node.interceptor;

import dev.synod.node.auth.Identity;
import dev.synod.node.auth.RpcPolicy;
import dev.synod.security.identity.Role;
import io.grpc.Metadata;
import io.grpc.ServerCall;
import io.grpc.ServerCallHandler;
import io.grpc.ServerInterceptor;
import io.grpc.Status;
import java.util.Optional;
import java.util.stream.Collectors;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/** Default deny: admits a call only if the method's rule admits the caller's role. */
public final class AuthorizationInterceptor implements ServerInterceptor {
  private static final Logger log = LoggerFactory.getLogger(AuthorizationInterceptor.class);

  private final RpcPolicy policy;

  public AuthorizationInterceptor(RpcPolicy policy) {
    this.policy = policy;
  }

  @Override
  public <Q, R> ServerCall.Listener<Q> interceptCall(ServerCall<Q, R> call, Metadata headers,
      ServerCallHandler<Q, R> next) {
    Identity identity = CallContext.identity();
    String method = call.getMethodDescriptor().getFullMethodName();
    Optional<RpcPolicy.Rule> rule = policy.rule(method);
    if (rule.isEmpty()) {
      return Refusal.refuse(log, call, Status.PERMISSION_DENIED.withDescription(method
          + " has no access rule, so nobody may call it"), identity.toString());
    }
    if (rule.get().admits(identity)) {
      return next.startCall(call, headers);
    }
    if (identity.anonymous()) {
      return Refusal.refuse(log, call, Status.UNAUTHENTICATED.withDescription(
          "no credentials: present a client certificate or a bearer token"), identity.toString());
    }
    String allowed = rule.get().roles().stream().map(Role::wireName).sorted().collect(Collectors.joining(", "));
    return Refusal.refuse(log, call, Status.PERMISSION_DENIED.withDescription("role " + identity.role().wireName()
        + " may not call " + method + " (allowed: " + allowed + ")"), identity.toString());
  }
}
