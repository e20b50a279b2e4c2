package dev.synod.node.interceptor;

import io.grpc.ServerInterceptor;
import io.grpc.ServerInterceptors;
import io.grpc.ServerServiceDefinition;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

/**
 * The public API's interceptors in their fixed order: recovery, request id, authentication, authorization,
 * rate limit, validation, logging, metrics, tracing. Each later one relies on what the earlier ones
 * established (the request id for every log line, the identity for authorization and rate limits).
 */
public final class InterceptorChain {
  private final List<ServerInterceptor> outermostFirst;

  public InterceptorChain(RecoveryInterceptor recovery, RequestIdInterceptor requestId,
      AuthenticationInterceptor authentication, AuthorizationInterceptor authorization,
      RateLimitInterceptor rateLimit, ValidationInterceptor validation, LoggingInterceptor logging,
      MetricsInterceptor metrics, TracingInterceptor tracing) {
    this.outermostFirst = List.of(recovery, requestId, authentication, authorization, rateLimit, validation,
        logging, metrics, tracing);
  }

  public ServerServiceDefinition wrap(ServerServiceDefinition service) {
    // ServerInterceptors.intercept runs the last interceptor given first.
    List<ServerInterceptor> innermostFirst = new ArrayList<>(outermostFirst);
    Collections.reverse(innermostFirst);
    return ServerInterceptors.intercept(service, innermostFirst);
  }

  public List<ServerInterceptor> interceptors() {
    return outermostFirst;
  }
}
